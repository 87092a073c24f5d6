using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SuperConvergence.Testing.TorchScript;

/// <summary>One float32 parameter of a scripted module: its attribute name, shape and values (row-major).</summary>
public sealed record ScriptParameter(string Name, int[] Shape, float[] Values);

/// <summary>
/// Writes TorchScript archives as <c>torch.jit.save</c> lays them out, for tests on a machine without PyTorch: a zip
/// whose folder holds the format version, the module's TorchScript source under <c>code/</c>, its object in
/// <c>data.pkl</c> (pickle protocol 2: the class, <c>training</c>, each parameter rebuilt by
/// <c>torch._utils._rebuild_tensor_v2</c> from a persistent storage record) and each storage's bytes under
/// <c>data/</c>. Only what one module of float32 parameters needs; libtorch's own loader reads the result.
/// </summary>
public static class TorchScriptArchive
{
    /// <summary>
    /// A module <c>__torch__.{className}</c> whose <c>forward(self, x: Tensor) -&gt; Tensor</c> has the TorchScript body
    /// <paramref name="forwardBody"/> (lines indented by four spaces, using <c>self.NAME</c> for each parameter).
    /// </summary>
    public static void Write(string path, string className, string forwardBody, IReadOnlyList<ScriptParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        void Add(string name, byte[] bytes)
        {
            using var entry = zip.CreateEntry($"archive/{name}", CompressionLevel.NoCompression).Open();
            entry.Write(bytes);
        }

        Add("version", "3\n"u8.ToArray());
        Add("code/__torch__.py", Encoding.UTF8.GetBytes(Source(className, forwardBody, parameters)));
        Add("data.pkl", ModulePickle(className, parameters));
        Add("constants.pkl", [Pickle.Proto, 2, Pickle.EmptyTuple, Pickle.Stop]);
        for (var i = 0; i < parameters.Count; i++)
        {
            Add($"data/{i}", [.. parameters[i].Values.SelectMany(BitConverter.GetBytes)]);
        }
    }

    /// <summary>
    /// A two-layer perceptron (flatten, <paramref name="hidden"/> ReLU units, <paramref name="classes"/> logits) for
    /// images of <paramref name="inputs"/> values, its weights uniform in ±1/√fan-in from <paramref name="seed"/>.
    /// </summary>
    public static void WritePerceptron(string path, int inputs, int hidden, int classes, int seed)
    {
        var random = new Random(seed);
        ScriptParameter Uniform(string name, int fanIn, params int[] shape) => UniformParameter(random, name, fanIn, shape);

        Write(
            path,
            "Perceptron",
            """
                h = torch.relu(torch.linear(torch.flatten(x, 1), self.w1, self.b1))
                return torch.linear(h, self.w2, self.b2)
            """,
            [Uniform("w1", inputs, hidden, inputs), Uniform("b1", inputs, hidden), Uniform("w2", hidden, classes, hidden), Uniform("b2", hidden, classes)]);
    }

    /// <summary>
    /// A convolutional network for one-channel images: two 3×3 convolutions of <paramref name="channels"/> channels
    /// (ReLU), global average pooling, a linear classifier; heavy enough per image that an epoch takes seconds.
    /// </summary>
    public static void WriteConvNet(string path, int channels, int classes, int seed)
    {
        var random = new Random(seed);
        ScriptParameter Uniform(string name, int fanIn, params int[] shape) => UniformParameter(random, name, fanIn, shape);

        Write(
            path,
            "ConvNet",
            """
                h = torch.relu(torch.conv2d(x, self.c1w, self.c1b, [1, 1], [1, 1]))
                h = torch.relu(torch.conv2d(h, self.c2w, self.c2b, [1, 1], [1, 1]))
                return torch.linear(torch.mean(h, [2, 3]), self.fw, self.fb)
            """,
            [
                Uniform("c1w", 9, channels, 1, 3, 3), Uniform("c1b", 9, channels),
                Uniform("c2w", 9 * channels, channels, channels, 3, 3), Uniform("c2b", 9 * channels, channels),
                Uniform("fw", channels, classes, channels), Uniform("fb", channels, classes),
            ]);
    }

    /// <summary>A parameter drawn uniformly in ±1/√<paramref name="fanIn"/>, as PyTorch initialises linear layers.</summary>
    private static ScriptParameter UniformParameter(Random random, string name, int fanIn, int[] shape)
    {
        var bound = 1 / Math.Sqrt(fanIn);
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
        }

        return new ScriptParameter(name, shape, values);
    }

    private static string Source(string className, string forwardBody, IReadOnlyList<ScriptParameter> parameters)
    {
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $"class {className}(Module):\n");
        source.Append(CultureInfo.InvariantCulture, $"  __parameters__ = [{string.Concat(parameters.Select(p => $"\"{p.Name}\", "))}]\n");
        source.Append("  __buffers__ = []\n");
        foreach (var parameter in parameters)
        {
            source.Append(CultureInfo.InvariantCulture, $"  {parameter.Name} : Tensor\n");
        }

        source.Append("  training : bool\n");
        source.Append(CultureInfo.InvariantCulture, $"  def forward(self: __torch__.{className},\n    x: Tensor) -> Tensor:\n");
        foreach (var line in forwardBody.Split('\n').Where(l => l.Trim().Length > 0))
        {
            source.Append("    ").Append(line.Trim()).Append('\n');
        }

        return source.ToString();
    }

    private static byte[] ModulePickle(string className, IReadOnlyList<ScriptParameter> parameters)
    {
        var pickle = new Pickle();
        pickle.Op(Pickle.Proto, 2);
        pickle.Global("__torch__", className);
        pickle.Op(Pickle.EmptyTuple, Pickle.NewObject, Pickle.EmptyDictionary, Pickle.Mark);
        pickle.Text("training");
        pickle.Op(Pickle.True);
        for (var i = 0; i < parameters.Count; i++)
        {
            pickle.Text(parameters[i].Name);
            pickle.Tensor(i.ToString(CultureInfo.InvariantCulture), parameters[i]);
        }

        pickle.Op(Pickle.SetItems, Pickle.Build, Pickle.Stop);
        return pickle.ToArray();
    }

    /// <summary>The few pickle opcodes a module's object needs.</summary>
    private sealed class Pickle
    {
        public const byte Proto = 0x80, Stop = 0x2e, Mark = 0x28, EmptyTuple = 0x29, Tuple = 0x74, NewObject = 0x81, EmptyDictionary = 0x7d;
        public const byte SetItems = 0x75, Build = 0x62, True = 0x88, False = 0x89, Reduce = 0x52, PersistentId = 0x51;
        private const byte GlobalOpcode = 0x63, BinaryUnicode = 0x58, BinaryInt = 0x4a;

        private readonly MemoryStream _bytes = new();

        public void Op(params byte[] opcodes) => _bytes.Write(opcodes);

        public void Global(string module, string name)
        {
            Op(GlobalOpcode);
            _bytes.Write(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
        }

        public void Text(string text)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Op(BinaryUnicode);
            _bytes.Write(BitConverter.GetBytes(utf8.Length));
            _bytes.Write(utf8);
        }

        public void Tensor(string storageKey, ScriptParameter parameter)
        {
            Global("torch._utils", "_rebuild_tensor_v2");
            Op(Mark);
            Op(Mark);
            Text("storage");
            Global("torch", "FloatStorage");
            Text(storageKey);
            Text("cpu");
            Int(parameter.Values.Length);
            Op(Tuple, PersistentId);
            Int(0);
            Op(Mark);
            foreach (var size in parameter.Shape)
            {
                Int(size);
            }

            Op(Tuple, Mark);
            var stride = 1;
            var strides = new int[parameter.Shape.Length];
            for (var d = parameter.Shape.Length - 1; d >= 0; d--)
            {
                strides[d] = stride;
                stride *= parameter.Shape[d];
            }

            foreach (var s in strides)
            {
                Int(s);
            }

            Op(Tuple, True);
            Global("collections", "OrderedDict");
            Op(EmptyTuple, Reduce, Tuple, Reduce);
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Int(int value)
        {
            Op(BinaryInt);
            _bytes.Write(BitConverter.GetBytes(value));
        }
    }
}
