using System.Globalization;
using SuperConvergence.Core.Trials;
using SuperConvergence.Training.Data;
using SuperConvergence.Training.Training;
using static TorchSharp.torch;

namespace SuperConvergence.Training.Tests.Training;

public sealed class TrainingPlanFingerprintTests
{
    private static readonly TrialConfig Trial =
        new("synthetic", "resnet-small", MaxLr: 0.25, DivFactor: 25, FinalDivFactor: 1e4, WeightDecay: 5e-4, BatchSize: 64,
            CycleEpochs: 3, BaseMomentum: 0.85, MaxMomentum: 0.95, Seed: 5);

    [Fact]
    public void The_fingerprint_is_the_same_under_a_culture_with_a_decimal_comma()
    {
        var trainer = new TorchTrainer(new DatasetStore(Path.GetTempPath()), CPU, new TorchTrainerOptions(WidthMultiplier: 0.5));
        var adamw = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), optimizer: new OptimizerSettings(OptimizerKind.AdamW, 0.01));
        var nesterov = TrainingFixtures.SyntheticPlan(TestSchedules.Constant(0.05), optimizer: OptimizerSettings.Sgd(5e-4, nesterov: true));

        var invariant = Fingerprints(CultureInfo.InvariantCulture);
        var german = Fingerprints(DecimalCommaCulture());

        Assert.Equal(invariant, german);
        Assert.Contains("width=0.5;optimizer=sgd(wd=0.0005);schedule=onecycle(max_lr=0.25,div=25,final_div=10000,momentum=0.85-0.95)", invariant[0]);
        Assert.Contains("optimizer=adamw(wd=0.01,beta2=0.999,eps=1E-08)", invariant[1]);
        Assert.Contains("optimizer=sgd(wd=0.0005,nesterov)", invariant[2]);

        string[] Fingerprints(CultureInfo culture)
        {
            var previous = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = culture;
            try
            {
                return [trainer.PlanFor(Trial).Fingerprint, adamw.Fingerprint, nesterov.Fingerprint];
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
            }
        }
    }

    /// <summary>
    /// de-DE's number format (decimal comma, dot grouping), built by hand: the projects run with invariant
    /// globalization, where named cultures other than the invariant one are not available.
    /// </summary>
    private static CultureInfo DecimalCommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }
}
