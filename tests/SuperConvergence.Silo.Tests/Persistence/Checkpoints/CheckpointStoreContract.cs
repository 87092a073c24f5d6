using SuperConvergence.Core.Persistence;

namespace SuperConvergence.Silo.Tests.Persistence.Checkpoints;

/// <summary>The <see cref="ICheckpointStore"/> contract; every implementation runs these through a subclass.</summary>
public abstract class CheckpointStoreContract
{
    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A store over empty storage.</summary>
    protected abstract Task<ICheckpointStore> CreateStoreAsync();

    /// <summary>A valid reference of some other kind of store.</summary>
    protected abstract string ForeignReference { get; }

    [Fact]
    public async Task A_saved_state_loads_back_byte_for_byte()
    {
        var store = await CreateStoreAsync();
        var state = Bytes(3 * 1024 * 1024 + 17, seed: 1);

        var reference = await store.SaveAsync("trial-a", 4, state, Cancellation);

        Assert.Equal(state, await store.LoadAsync(reference, Cancellation));
    }

    [Fact]
    public async Task An_empty_state_is_a_state()
    {
        var store = await CreateStoreAsync();

        var reference = await store.SaveAsync("trial-a", 0, [], Cancellation);

        Assert.Equal(Array.Empty<byte>(), await store.LoadAsync(reference, Cancellation));
    }

    [Fact]
    public async Task Saving_the_same_trial_and_epoch_again_replaces_the_state()
    {
        var store = await CreateStoreAsync();
        var first = await store.SaveAsync("trial-a", 2, Bytes(100, seed: 1), Cancellation);

        var second = await store.SaveAsync("trial-a", 2, Bytes(50, seed: 2), Cancellation);

        Assert.Equal(first, second);
        Assert.Equal(Bytes(50, seed: 2), await store.LoadAsync(second, Cancellation));
    }

    [Fact]
    public async Task Epochs_and_trials_keep_their_own_checkpoints()
    {
        var store = await CreateStoreAsync();
        var saved = new Dictionary<string, byte[]>();
        foreach (var trial in new[] { "trial-a", "trial-b" })
        {
            for (var epoch = 0; epoch < 3; epoch++)
            {
                var state = Bytes(64 + epoch, seed: trial.GetHashCode(StringComparison.Ordinal) ^ epoch);
                saved[await store.SaveAsync(trial, epoch, state, Cancellation)] = state;
            }
        }

        Assert.Equal(6, saved.Count);
        foreach (var (reference, state) in saved)
        {
            Assert.Equal(state, await store.LoadAsync(reference, Cancellation));
        }
    }

    [Fact]
    public async Task Deleting_a_trial_removes_all_its_checkpoints_and_only_its_own()
    {
        var store = await CreateStoreAsync();
        var doomed = new[]
        {
            await store.SaveAsync("trial-a", 0, Bytes(10, seed: 1), Cancellation),
            await store.SaveAsync("trial-a", 1, Bytes(10, seed: 2), Cancellation),
        };
        var kept = await store.SaveAsync("trial-ab", 0, Bytes(10, seed: 3), Cancellation);

        await store.DeleteTrialAsync("trial-a", Cancellation);

        foreach (var reference in doomed)
        {
            Assert.Null(await store.LoadAsync(reference, Cancellation));
        }

        Assert.Equal(Bytes(10, seed: 3), await store.LoadAsync(kept, Cancellation));
    }

    [Fact]
    public async Task Deleting_before_an_epoch_removes_only_that_trials_earlier_epochs()
    {
        var store = await CreateStoreAsync();
        var older = await store.SaveAsync("trial-a", 9, Bytes(10, seed: 1), Cancellation);
        var current = await store.SaveAsync("trial-a", 10, Bytes(10, seed: 2), Cancellation);
        var later = await store.SaveAsync("trial-a", 11, Bytes(10, seed: 3), Cancellation);
        var otherTrial = await store.SaveAsync("trial-ab", 1, Bytes(10, seed: 4), Cancellation);

        await store.DeleteBeforeAsync("trial-a", 10, Cancellation);
        await store.DeleteBeforeAsync("no-such-trial", 10, Cancellation);

        Assert.Null(await store.LoadAsync(older, Cancellation));
        Assert.Equal(Bytes(10, seed: 2), await store.LoadAsync(current, Cancellation));
        Assert.Equal(Bytes(10, seed: 3), await store.LoadAsync(later, Cancellation));
        Assert.Equal(Bytes(10, seed: 4), await store.LoadAsync(otherTrial, Cancellation));
    }

    [Fact]
    public async Task Deleting_a_trial_without_checkpoints_is_no_error()
    {
        var store = await CreateStoreAsync();

        await store.DeleteTrialAsync("never-saved", Cancellation);
    }

    [Fact]
    public async Task Trial_ids_may_hold_any_characters_without_colliding()
    {
        var store = await CreateStoreAsync();
        string[] trials = ["sweep/7:trial 3", "sweep%2F7:trial 3", "..", "ünï-cödé", "a:1:b"];
        var references = new List<string>();
        for (var i = 0; i < trials.Length; i++)
        {
            references.Add(await store.SaveAsync(trials[i], 1, Bytes(8, seed: i), Cancellation));
        }

        for (var i = 0; i < trials.Length; i++)
        {
            Assert.Equal(Bytes(8, seed: i), await store.LoadAsync(references[i], Cancellation));
        }
    }

    [Fact]
    public async Task Concurrent_saves_all_land()
    {
        var store = await CreateStoreAsync();

        var references = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(epoch => store.SaveAsync($"trial-{epoch % 4}", epoch, Bytes(1000, seed: epoch), Cancellation)));

        for (var epoch = 0; epoch < references.Length; epoch++)
        {
            Assert.Equal(Bytes(1000, seed: epoch), await store.LoadAsync(references[epoch], Cancellation));
        }
    }

    [Fact]
    public async Task A_reference_to_a_checkpoint_never_saved_loads_as_null()
    {
        var store = await CreateStoreAsync();
        var reference = await store.SaveAsync("trial-a", 1, Bytes(8, seed: 1), Cancellation);

        Assert.Null(await store.LoadAsync(reference.Replace(":1:", ":2:", StringComparison.Ordinal), Cancellation));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-colons")]
    [InlineData("dir:x:trial")]
    [InlineData("dir:-1:trial")]
    [InlineData("dir:3:")]
    public async Task A_malformed_reference_is_rejected_naming_it(string reference)
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.LoadAsync(reference, Cancellation));

        Assert.Contains($"'{reference}'", error.Message);
    }

    [Fact]
    public async Task A_reference_from_another_kind_of_store_is_rejected_naming_it()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.LoadAsync(ForeignReference, Cancellation));

        Assert.Contains($"'{ForeignReference}'", error.Message);
    }

    [Fact]
    public async Task Bad_save_arguments_are_rejected()
    {
        var store = await CreateStoreAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync("", 0, [1], Cancellation));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync("trial-a", -1, [1], Cancellation));
        await Assert.ThrowsAsync<ArgumentNullException>(() => store.SaveAsync("trial-a", 0, null!, Cancellation));
    }

    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
