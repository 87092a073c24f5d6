using System.Text;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Fuzz;

/// <summary>
/// `sc sweep run SPEC`'s reader: the text as a spec file with no telling extension, YAML or JSON by its first
/// character (so one corpus reaches both parsers), then binding and validation.
/// </summary>
internal sealed class SweepSpecTarget : FuzzTarget
{
    public override string Name => "spec";

    public override string Description => "sweep spec reader (YAML and JSON, binding, validation)";

    protected override void Read(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        SweepSpecReader.Parse(text, SweepSpecReader.SniffFormat(text));
    }

    protected override bool IsDocumentedRejection(Exception rejection) => rejection is SweepSpecException;
}
