using System.Text.RegularExpressions;

namespace SuperConvergence.Core.Sweeps;

/// <summary>
/// Durations as a spec writes them: one or more number+unit parts, units ms, s, m, h, d — "90s", "10m", "1h30m",
/// "1.5h". A bare number is rejected: "10" could mean seconds or minutes, and guessing is how budgets go wrong.
/// </summary>
public static partial class WallTimeText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (!Whole().IsMatch(trimmed))
        {
            return false;
        }

        // Decimal arithmetic: "1.1h" must be exactly 66 minutes, not a tick short.
        var milliseconds = 0m;
        foreach (Match part in Part().Matches(trimmed))
        {
            var amount = decimal.Parse(part.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            milliseconds += amount * part.Groups["unit"].Value switch
            {
                "ms" => 1m,
                "s" => 1_000m,
                "m" => 60_000m,
                "h" => 3_600_000m,
                _ => 86_400_000m,
            };
            if (milliseconds > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
            {
                return false;
            }
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(milliseconds * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>The shortest text <see cref="TryParse"/> reads back as the same duration (whole milliseconds).</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, string unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<amount>\d+(?:\.\d+)?)(?<unit>ms|s|m|h|d)")]
    private static partial Regex Part();
}
