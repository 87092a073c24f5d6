namespace SuperConvergence.Core.Search.Space;

/// <summary>
/// The training budget as strategies spend it: a trial's whole cycle is charged when it is proposed (a 1cycle run
/// is only meaningful whole), so the sum of cycle lengths never exceeds TrialEpochs, nor the count MaxTrials.
/// Range tests are not charged. Wall time is the coordinator's to enforce: it stops asking for proposals.
/// </summary>
public sealed class TrialBudget(BudgetSpec budget, long trialsIssued = 0, long epochsIssued = 0)
{
    public long TrialsIssued { get; private set; } = trialsIssued;

    public long EpochsIssued { get; private set; } = epochsIssued;

    public long TrialsLeft => Math.Max(0, budget.MaxTrials - TrialsIssued);

    public long EpochsLeft => Math.Max(0, budget.TrialEpochs - EpochsIssued);

    public bool Fits(int cycleEpochs) => TrialsLeft > 0 && cycleEpochs <= EpochsLeft;

    public void Charge(int cycleEpochs)
    {
        if (!Fits(cycleEpochs))
        {
            throw new InvalidOperationException($"A {cycleEpochs}-epoch trial does not fit the remaining budget ({TrialsLeft} trials, {EpochsLeft} epochs).");
        }

        TrialsIssued++;
        EpochsIssued += cycleEpochs;
    }
}
