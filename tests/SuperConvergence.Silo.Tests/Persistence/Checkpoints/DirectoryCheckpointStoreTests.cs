using CsCheck;
using SuperConvergence.Core.Persistence;
using SuperConvergence.Silo.Persistence.Checkpoints;
using SuperConvergence.Testing.Files;
using SuperConvergence.Training.Runtime;

namespace SuperConvergence.Silo.Tests.Persistence.Checkpoints;

public sealed class DirectoryCheckpointStoreTests : CheckpointStoreContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("sc-checkpoints");

    public void Dispose() => _directory.Dispose();

    protected override string ForeignReference => "pg:3:trial-a";

    protected override Task<ICheckpointStore> CreateStoreAsync() =>
        Task.FromResult<ICheckpointStore>(new DirectoryCheckpointStore(Path.Combine(_directory.Path, Guid.NewGuid().ToString("N"))));

    [Fact]
    public async Task A_save_leaves_only_the_checkpoint_file_behind()
    {
        var root = Path.Combine(_directory.Path, "root");
        var store = new DirectoryCheckpointStore(root);

        await store.SaveAsync("trial-a", 7, Bytes(100, seed: 1), Cancellation);
        await store.SaveAsync("trial-a", 7, Bytes(100, seed: 2), Cancellation);

        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f));
        Assert.Equal([Path.Combine("trial-a", "000007.ckpt")], files);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Checkpoint_files_and_their_folders_are_for_their_owner_only()
    {
        var root = Path.Combine(_directory.Path, "private");
        var store = new DirectoryCheckpointStore(root);

        await store.SaveAsync("trial-a", 1, Bytes(100, seed: 1), Cancellation);

        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(root));
        Assert.Equal(OwnerOnlyFiles.FolderMode, File.GetUnixFileMode(Path.Combine(root, "trial-a")));
        Assert.Equal(OwnerOnlyFiles.FileMode, File.GetUnixFileMode(Path.Combine(root, "trial-a", "000001.ckpt")));
    }

    [Fact]
    public void Folder_names_are_one_to_one_and_hold_only_safe_characters()
    {
        Gen.String[Gen.Char.AlphaNumeric, 1, 12].Select(Gen.String[1, 12]).Sample(
            (a, b) =>
            {
                foreach (var id in new[] { a, b })
                {
                    var name = DirectoryCheckpointStore.FolderName(id);
                    Assert.Matches("^[A-Za-z0-9_%-]+$", name);
                    Assert.NotEqual("..", name);
                }

                Assert.Equal(a == b, DirectoryCheckpointStore.FolderName(a) == DirectoryCheckpointStore.FolderName(b));
            });
    }

    [Fact]
    public void References_name_the_store_epoch_and_trial_and_parse_back()
    {
        Gen.Int[0, 100_000].Select(Gen.String[1, 20]).Sample((epoch, trialId) =>
        {
            var reference = new CheckpointReference(DirectoryCheckpointStore.StoreName, epoch, trialId);

            Assert.Equal(reference, CheckpointReference.Parse(reference.ToString(), DirectoryCheckpointStore.StoreName));
        });
    }
}
