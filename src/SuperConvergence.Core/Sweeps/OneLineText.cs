namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// Text from a spec (a field name, a value) made safe for a one-line message: line breaks and other control
/// characters a YAML or JSON string can carry are written as escapes (\n, \r, \u001B), so the message stays one line
/// and nothing from the file reaches the terminal as a control sequence. Tabs stay: they break no line.
/// </summary>
internal static class OneLineText
{
    public static string Of(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => escaped.Append(@"\n"),
                '\r' => escaped.Append(@"\r"),
                _ when NeedsEscape(c) => escaped.Append(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
                _ => escaped.Append(c),
            };
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c != '\t' && (char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
