namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// The default spec parser: YAML or JSON as <see cref="SweepSpecReader.FormatOf"/> decides, as the console decides
/// for the spec files it reads. Validation errors become
/// ArgumentExceptions carrying the same one-line "field: value problem" message, a type every client can deserialise.
/// </summary>
public sealed class SweepSpecTextParser : ISweepSpecParser
{
    public SweepSpec Parse(string specText)
    {
        ArgumentNullException.ThrowIfNull(specText);
        try
        {
            return SweepSpecReader.Parse(specText);
        }
        catch (SweepSpecException e)
        {
            // No inner exception: it would have to cross the wire too.
            throw new ArgumentException(e.Message);
        }
    }
}
