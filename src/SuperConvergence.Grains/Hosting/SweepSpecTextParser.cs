using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Grains.Hosting;

/// <summary>
/// The default spec parser: JSON when the text starts with '{', YAML otherwise. Validation errors become
/// ArgumentExceptions carrying the same one-line "field: value problem" message, a type every client can deserialise.
/// </summary>
public sealed class SweepSpecTextParser : ISweepSpecParser
{
    public SweepSpec Parse(string specText)
    {
        ArgumentNullException.ThrowIfNull(specText);
        var format = specText.TrimStart().StartsWith('{') ? SweepSpecFormat.Json : SweepSpecFormat.Yaml;
        try
        {
            return SweepSpecReader.Parse(specText, format);
        }
        catch (SweepSpecException e)
        {
            // No inner exception: it would have to cross the wire too.
            throw new ArgumentException(e.Message);
        }
    }
}
