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

    /// <summary>Bytes a streamed document may hold back before <see cref="FlushWhenFull"/> hands them on.</summary>
    public const int StreamChunkBytes = 64 * 1024;

    // The default encoder escapes '+' and '"' as \u002B and \u0022, which is for JSON inside HTML; this goes to
    // terminals, files and scripts, where "+00:00" should read as written.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Writes the document to <paramref name="output"/> as it is produced, then a line end: the same text as
    /// <see cref="Write"/> plus WriteLine, in memory bounded by <see cref="StreamChunkBytes"/> however long the document
    /// (a body that writes many elements calls <see cref="FlushWhenFull"/> between them).
    /// </summary>
    public static void Stream(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var stream = new TextWriterStream(output))
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        output.WriteLine();
    }

    /// <summary>Hands what the writer holds to its stream once it passes <see cref="StreamChunkBytes"/>.</summary>
    public static void FlushWhenFull(this Utf8JsonWriter writer)
    {
        if (writer.BytesPending > StreamChunkBytes)
        {
            writer.Flush();
        }
    }
}
