using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace SuperConvergence.Cli.Json;

/// <summary>
/// Where every JSON document of the console is written: indented UTF-8 through one writer configuration, each document
/// serialized by its source-generated contract in <see cref="CliJsonContext"/> (NaN and infinities as null, absent
/// values as null).
/// </summary>
public static class JsonWriting
{
    /// <summary>Bytes a streamed document may hold back before <see cref="FlushWhenFull"/> hands them on.</summary>
    public const int StreamChunkBytes = 64 * 1024;

    // The default encoder escapes '+' and '"' as \u002B and \u0022, which is for JSON inside HTML; this goes to
    // terminals, files and scripts, where "+00:00" should read as written. The writer's options, not the context's,
    // decide indentation and escaping, so one context serves both these documents and `sc train`'s compact summary.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document <paramref name="value"/> as its contract writes it.</summary>
    public static string Write<T>(T value, JsonTypeInfo<T> contract) => Write(w => JsonSerializer.Serialize(w, value, contract));

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
    /// <see cref="Write(Action{Utf8JsonWriter})"/> plus WriteLine, in memory bounded by <see cref="StreamChunkBytes"/>
    /// however long the document (a body that writes many elements calls <see cref="FlushWhenFull"/> between them).
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
