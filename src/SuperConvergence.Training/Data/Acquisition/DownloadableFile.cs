namespace SuperConvergence.Training.Data.Acquisition;

/// <summary>
/// One file at a dataset's canonical location with its published size and MD5 (the checksums the dataset
/// authors publish are MD5). <see cref="ExtractArchive"/>: a .tar.gz whose regular files are unpacked in place.
/// </summary>
public sealed record DownloadableFile(Uri Url, string SaveAs, long Size, string Md5, bool ExtractArchive = false);
