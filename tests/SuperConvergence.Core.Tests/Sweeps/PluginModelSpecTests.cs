using SuperConvergence.Core.Sweeps;
using SuperConvergence.Core.Trials;

namespace SuperConvergence.Core.Tests.Sweeps;

/// <summary><c>model: {plugin: PATH, type: TYPE}</c>: read into the model name trials carry, refused in one line when malformed.</summary>
public sealed class PluginModelSpecTests
{
    private static string Spec(string model) => $"""
        name: mine
        dataset: synthetic
        model: {model}
        searchSpace:
          maxLr: {"{"}min: 0.01, max: 1{"}"}
        """;

    [Theory]
    [InlineData("{plugin: lib/My.Models.dll, type: My.Models.Net}")]
    [InlineData("\"plugin:lib/My.Models.dll#My.Models.Net\"")]
    public void Both_forms_read_as_the_same_plugin_model_name(string model)
    {
        var spec = SweepSpecReader.ParseYaml(Spec(model));

        Assert.Equal("plugin:lib/My.Models.dll#My.Models.Net", spec.Model);
        Assert.Equal(new PluginModelReference("lib/My.Models.dll", "My.Models.Net"), PluginModelReference.Parse(spec.Model));
        Assert.Empty(SweepSpecValidator.FindErrors(spec));
    }

    [Fact]
    public void A_catalog_name_is_no_plugin()
    {
        Assert.Null(PluginModelReference.Parse("resnet-20"));
        Assert.Equal("plugin:a/b#c.D", new PluginModelReference("a/b", "c.D").ModelName);
        // The last '#' separates the type: a path may hold one.
        Assert.Equal(new PluginModelReference("dir#1/m.dll", "N.T"), PluginModelReference.Parse("plugin:dir#1/m.dll#N.T"));
    }

    [Theory]
    [InlineData("{plugin: m.dll}", "model.type: (missing) is required")]
    [InlineData("{type: N.T}", "model.plugin: (missing) is required")]
    [InlineData("{plugin: m.dll, type: N.T, version: 2}", "model.version: 2 is not a known field")]
    [InlineData("{plugin: m.dll, type: '#'}", "model.type: '#' must be the full name of the plugin's model factory type (Namespace.Type)")]
    [InlineData("\"plugin:m.dll\"", "model: 'plugin:m.dll' must be plugin:PATH#TYPE (the assembly's path and its model factory's full type name)")]
    [InlineData("\"plugin:m.dll#\"", "model: 'plugin:m.dll#' must be plugin:PATH#TYPE")]
    public void A_malformed_plugin_model_is_one_line_naming_the_field(string model, string expected)
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepSpecReader.ParseYaml(Spec(model)));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_plugin_model_name_may_be_longer_than_a_catalog_name_up_to_its_own_limit()
    {
        var path = new string('p', 300) + ".dll";
        var spec = SweepSpecReader.ParseYaml(Spec($"{{plugin: {path}, type: N.T}}"));
        Assert.Empty(SweepSpecValidator.FindErrors(spec));

        var tooLong = spec with { Model = new PluginModelReference(new string('p', SweepSpecLimits.MaxPluginModelLength), "N.T").ModelName };
        var error = Assert.Single(SweepSpecValidator.FindErrors(tooLong));
        Assert.Equal("model", error.Field);
        Assert.Equal($"must be at most {SweepSpecLimits.MaxPluginModelLength} characters", error.Problem);
    }
}
