using SuperConvergence.Core.Datasets;
using SuperConvergence.Core.Sweeps;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary><c>dataset: {plugin: PATH, type: TYPE}</c>: read into the dataset name trials carry, refused in one line when malformed.</summary>
public sealed class PluginDatasetSpecTests
{
    private static string Spec(string dataset) => $"""
        name: mine
        dataset: {dataset}
        model: mlp
        searchSpace:
          maxLr: {"{"}min: 0.01, max: 1{"}"}
        """;

    [Theory]
    [InlineData("{plugin: lib/My.Data.dll, type: My.Data.Spirals}")]
    [InlineData("\"plugin:lib/My.Data.dll#My.Data.Spirals\"")]
    public void Both_forms_read_as_the_same_plugin_dataset_name(string dataset)
    {
        var spec = SweepSpecReader.ParseYaml(Spec(dataset));

        Assert.Equal("plugin:lib/My.Data.dll#My.Data.Spirals", spec.Dataset);
        Assert.Equal(new PluginDatasetReference("lib/My.Data.dll", "My.Data.Spirals"), PluginDatasetReference.Parse(spec.Dataset));
        Assert.Null(DatasetReference.TryParse(spec.Dataset));
        Assert.Empty(SweepSpecValidator.FindErrors(spec));
    }

    [Fact]
    public void Other_dataset_names_are_no_plugin_and_the_last_hash_separates_the_type()
    {
        Assert.Null(PluginDatasetReference.Parse("fashion-mnist"));
        Assert.Null(PluginDatasetReference.Parse("npz:test=0.2;path=plugin:x.npz"));
        Assert.Equal(new PluginDatasetReference("dir#1/d.dll", "N.T"), PluginDatasetReference.Parse("plugin:dir#1/d.dll#N.T"));
        Assert.Equal("T", new PluginDatasetReference("d.dll", "N.T").DisplayName);
    }

    [Theory]
    [InlineData("{plugin: d.dll}", "dataset.type: (missing) is required")]
    [InlineData("{plugin: d.dll, type: N.T, path: ./x}", "dataset.path: ./x is not a known field (known here: plugin, type)")]
    [InlineData("{path: ./x.npz, type: N.T}", "dataset.type: N.T is not a known field")]
    [InlineData("{plugin: d.dll, type: '#'}", "dataset.type: '#' must be the full name of the plugin's dataset provider type (Namespace.Type)")]
    [InlineData("\"plugin:d.dll\"", "dataset: 'plugin:d.dll' must be plugin:PATH#TYPE (the assembly's path and its dataset provider's full type name)")]
    public void A_malformed_plugin_dataset_is_one_line_naming_the_field(string dataset, string expected)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Spec(dataset)));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_plugin_dataset_name_may_be_as_long_as_a_plugin_model_name()
    {
        var spec = SweepSpecReader.ParseYaml(Spec($"{{plugin: {new string('p', 300)}.dll, type: N.T}}"));

        Assert.Empty(SweepSpecValidator.FindErrors(spec));
    }
}
