namespace SuperConvergence.Grains.Hosting;

/// <summary>Turns a spec's text (YAML or JSON) into a validated spec; throws ArgumentException naming field and value.</summary>
public interface ISweepSpecParser
{
    SweepSpec Parse(string specText);
}
