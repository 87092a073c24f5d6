using System.Text;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Fuzz;

/// <summary>
/// The coordinator's reader of a spec's text (and `sc sweep run SPEC`'s for a file that is not .json): YAML or JSON as
/// <see cref="SweepSpecReader.FormatOf"/> decides (so one corpus reaches both parsers), then binding and validation.
/// </summary>
internal sealed class SweepSpecTarget : FuzzTarget
{
    public override string Name => "spec";

    public override string Description => "sweep spec reader (YAML and JSON, binding, validation)";

    protected override void Read(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        SweepSpecReader.Parse(text);
    }

    protected override bool IsDocumentedRejection(Exception rejection) => rejection is SweepSpecException;
}
