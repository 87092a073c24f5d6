namespace SuperConvergence.Training.RangeTests;

/// <summary>
/// A layer as the Hessian-free estimate reads it: the trainable parameters of one module, named by the module's path
/// ("blocks.0.conv1" holds blocks.0.conv1.weight and .bias; a batch norm's weight and bias are one layer). Per module
/// rather than per tensor because a layer's weight and bias move together under one LR, as a per-layer LR would apply.
/// </summary>
internal sealed record ParameterLayer(string Name, IReadOnlyList<Parameter> Parameters)
{
    /// <summary>
    /// Groups named parameters by everything before the last '.' (a parameter registered directly on the root module,
    /// with no '.', is a layer of its own), in order of first appearance; frozen parameters are left out.
    /// </summary>
    public static IReadOnlyList<ParameterLayer> Group(IEnumerable<(string Name, Parameter Parameter)> named)
    {
        var layers = new List<(string Name, List<Parameter> Parameters)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, parameter) in named)
        {
            if (!parameter.requires_grad)
            {
                continue;
            }

            var cut = name.LastIndexOf('.');
            var layer = cut < 0 ? name : name[..cut];
            if (!index.TryGetValue(layer, out var at))
            {
                at = layers.Count;
                index[layer] = at;
                layers.Add((layer, []));
            }

            layers[at].Parameters.Add(parameter);
        }

        return [.. layers.Select(l => new ParameterLayer(l.Name, l.Parameters))];
    }
}
