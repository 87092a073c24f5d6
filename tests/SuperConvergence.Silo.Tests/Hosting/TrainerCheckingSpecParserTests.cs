using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SuperConvergence.Core.Trials.Tabular;
using SuperConvergence.Grains.Hosting;
using SuperConvergence.Silo.Hosting;
using SuperConvergence.Testing.Files;

namespace SuperConvergence.Silo.Tests.Hosting;

/// <summary>The coordinator refuses, at start, a sweep no worker of this silo's trainers could run.</summary>
public sealed class TrainerCheckingSpecParserTests
{
    private const string Spec = """
        name: x
        dataset: fashion-mnist
        model: MODEL
        searchSpace: {maxLr: {min: 0.05, max: 2}, weightDecay: [0.0001], batchSize: [128], cycleEpochs: [1]}
        strategy: random
        budget: {trialEpochs: 2, maxTrials: 2}
        """;

    [Fact]
    public void An_unknown_model_is_refused_naming_field_and_value()
    {
        var parser = new TrainerCheckingSpecParser(new SweepSpecTextParser(), new TrialTableCache());

        var error = Assert.Throws<ArgumentException>(() => parser.Parse(Spec.Replace("MODEL", "resnet-9000")));

        Assert.StartsWith("model: 'resnet-9000' is not a model this trainer has; known: ", error.Message);
    }

    [Fact]
    public void A_known_model_parses_as_the_default_parser_does()
    {
        var parser = new TrainerCheckingSpecParser(new SweepSpecTextParser(), new TrialTableCache());

        Assert.Equal(new SweepSpecTextParser().Parse(Spec.Replace("MODEL", "resnet-small")).Model, parser.Parse(Spec.Replace("MODEL", "resnet-small")).Model);
    }

    [Fact]
    public async Task A_production_silo_coordinates_with_the_checking_parser()
    {
        using var data = new TemporaryDirectory("sc-composition");
        await using var app = SuperConvergenceSiloHost.Build(new SiloSettings { DataDirectory = data.Path }, LogLevel.Warning);

        Assert.IsType<TrainerCheckingSpecParser>(app.Services.GetRequiredService<ISweepSpecParser>());
    }
}
