namespace SuperConvergence.Core.Sweeps.Reading;

/// <summary>Field paths as messages show them: <c>searchSpace.maxLr.min</c>, <c>searchSpace.batchSize[2]</c>.</summary>
internal static class SpecPath
{
    public static string Child(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
