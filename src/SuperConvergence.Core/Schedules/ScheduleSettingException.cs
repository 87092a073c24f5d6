namespace SuperConvergence.Core.Schedules;

/// <summary>
/// A schedule or range-test argument that cannot work. The message is one line, "field: value problem"; Field, Value
/// and Problem stay separate so that a front end can name the field its own way (the CLI prints its flag).
/// </summary>
public sealed class ScheduleSettingException(string field, object value, string problem)
    : ArgumentException(Describe(field, value, problem))
{
    /// <summary>The argument's name as PyTorch and fastai spell it (snake_case), e.g. "pct_start".</summary>
    public string Field { get; } = field;

    /// <summary>The value that was refused.</summary>
    public object Value { get; } = value;

    /// <summary>What is wrong with it, e.g. "must be in (0, 1)".</summary>
    public string Problem { get; } = problem;

    /// <summary>The same one-line message with the field called <paramref name="fieldName"/>.</summary>
    public string DescribeAs(string fieldName) => Describe(fieldName, Value, Problem);

    private static string Describe(string field, object value, string problem) => $"{field}: {Format(value)} {problem}";

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
