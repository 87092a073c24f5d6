using System.Globalization;

namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>
/// Typed reads of scalar nodes. Numbers must be written as numbers (a quoted "5" is text, not a seed), and
/// every failure names the field and the value as written.
/// </summary>
internal static class SpecScalars
{
    public static string Text((SpecNode Node, string Path) field)
    {
        var scalar = Scalar(field, "must be text");
        return scalar.Style is ScalarStyle.Text or ScalarStyle.Plain
            ? scalar.Text
            : throw new SweepSpecException(field.Path, scalar.Display, "must be text");
    }

    public static double Number((SpecNode Node, string Path) field)
    {
        var scalar = Scalar(field, "must be a number");
        if (scalar.Style is ScalarStyle.Number or ScalarStyle.Plain
            && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // double.Parse rounds 1e400 to Infinity and 1e-400 to 0 without a word; the validator would then report
            // a value the user never wrote ("Infinity must be > 0").
            if (double.IsInfinity(value) && StartsWithDigits(scalar.Text))
            {
                throw new SweepSpecException(field.Path, scalar.Display, $"is out of range for a double (at most ±{double.MaxValue.ToString("R", CultureInfo.InvariantCulture)})");
            }

            if (value == 0 && HasNonZeroMantissa(scalar.Text))
            {
                throw new SweepSpecException(field.Path, scalar.Display, "is too small for a double (it would read as 0)");
            }

            return value;
        }

        throw new SweepSpecException(field.Path, scalar.Display, "must be a number");
    }

    /// <summary>A number written with digits (not "Infinity" or "∞", which mean what they say).</summary>
    private static bool StartsWithDigits(string text)
    {
        var unsigned = text.Trim().TrimStart('+', '-');
        return unsigned.Length > 0 && (char.IsAsciiDigit(unsigned[0]) || (unsigned[0] == '.' && unsigned.Length > 1 && char.IsAsciiDigit(unsigned[1])));
    }

    private static bool HasNonZeroMantissa(string text)
    {
        foreach (var c in text)
        {
            if (c is 'e' or 'E')
            {
                return false;
            }

            if (c is >= '1' and <= '9')
            {
                return true;
            }
        }

        return false;
    }

    public static int Integer((SpecNode Node, string Path) field)
    {
        var scalar = Scalar(field, "must be a whole number");
        if (scalar.Style is ScalarStyle.Number or ScalarStyle.Plain
            && int.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        throw new SweepSpecException(field.Path, scalar.Display, $"must be a whole number between {int.MinValue} and {int.MaxValue}");
    }

    /// <summary>true or false, unquoted (a quoted "true" is text, as a quoted "5" is not a number); case is not a typo.</summary>
    public static bool Boolean((SpecNode Node, string Path) field)
    {
        var scalar = Scalar(field, "must be true or false");
        if (scalar.Style is ScalarStyle.Boolean or ScalarStyle.Plain && bool.TryParse(scalar.Text, out var value))
        {
            return value;
        }

        throw new SweepSpecException(field.Path, scalar.Display, "must be true or false");
    }

    /// <summary>A list, or a single value standing for a one-element list.</summary>
    public static IReadOnlyList<T> List<T>((SpecNode Node, string Path) field, Func<(SpecNode, string), T> read)
    {
        if (field.Node is SpecSequence sequence)
        {
            return sequence.Items.Select((item, index) => read((item, SpecPath.Item(field.Path, index)))).ToArray();
        }

        return [read(field)];
    }

    /// <summary>One of the named choices, case-insensitively (case is not a typo; anything else is).</summary>
    public static T Choice<T>((SpecNode Node, string Path) field, IReadOnlyDictionary<string, T> choices)
    {
        var problem = $"must be one of {string.Join(", ", choices.Keys)}";
        var scalar = Scalar(field, problem);
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, scalar.Text, StringComparison.OrdinalIgnoreCase) && scalar.Style is ScalarStyle.Text or ScalarStyle.Plain)
            {
                return value;
            }
        }

        throw new SweepSpecException(field.Path, scalar.Display, problem);
    }

    private static SpecScalar Scalar((SpecNode Node, string Path) field, string problem) =>
        field.Node as SpecScalar ?? throw new SweepSpecException(field.Path, field.Node.Display, problem);
}
