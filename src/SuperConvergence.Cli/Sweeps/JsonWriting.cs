using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SuperConvergence.Cli.Sweeps;

/// <summary>The JSON conventions every command keeps: NaN and infinities as null, absent values as null, indented UTF-8.</summary>
public static class JsonWriting
{
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value is int v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>An object written by <paramref name="body"/> when the value is there, else null.</summary>
    /// <summary>An array property of objects, each written by <paramref name="body"/> between its braces.</summary>
    public static void WriteArrayOfObjects<T>(this Utf8JsonWriter writer, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> body)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            body(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteObjectOrNull<T>(this Utf8JsonWriter writer, string name, T? value, Action<Utf8JsonWriter, T> body)
        where T : class
    {
        if (value is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        body(writer, value);
        writer.WriteEndObject();
    }

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // The default encoder escapes '+' and '"' as \u002B and \u0022, which is for JSON inside HTML; this goes to
        // terminals, files and scripts, where "+00:00" should read as written.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
