namespace SuperConvergence.Training.Runtime;

/// <summary>
/// GPU memory from NVIDIA's management library (libnvidia-ml, installed with the driver on every NVIDIA node).
/// TorchSharp 0.107 exposes no CUDA allocator statistics, and the driver's figure is also what nvidia-smi shows an
/// operator. Loaded by name at run time, so CPU images need neither the library nor a CUDA build; where it is absent
/// or has no devices, <see cref="Open"/> returns null and nothing is reported.
/// </summary>
public sealed class NvmlGpuMemoryReader : IGpuMemoryReader, IDisposable
{
    private const int Success = 0;
    private const int NameLength = 96;

    private readonly IntPtr _library;
    private readonly Shutdown _shutdown;
    private readonly GetMemoryInfo _getMemoryInfo;
    private readonly (int Index, string Name, IntPtr Handle)[] _devices;
    private bool _disposed;

    private NvmlGpuMemoryReader(IntPtr library, Shutdown shutdown, GetMemoryInfo getMemoryInfo, (int, string, IntPtr)[] devices)
    {
        _library = library;
        _shutdown = shutdown;
        _getMemoryInfo = getMemoryInfo;
        _devices = devices;
    }

    private delegate int Init();

    private delegate int Shutdown();

    private delegate int GetCount(out uint count);

    private delegate int GetHandleByIndex(uint index, out IntPtr device);

    private delegate int GetName(IntPtr device, byte[] name, uint length);

    private delegate int GetMemoryInfo(IntPtr device, out NvmlMemory memory);

    /// <summary>The reader for this machine's NVIDIA GPUs; null where the driver's library is absent or sees no device.</summary>
    public static NvmlGpuMemoryReader? Open(string libraryName = "libnvidia-ml.so.1")
    {
        if (!NativeLibrary.TryLoad(libraryName, out var library))
        {
            return null;
        }

        var init = Export<Init>(library, "nvmlInit_v2");
        var shutdown = Export<Shutdown>(library, "nvmlShutdown");
        var getCount = Export<GetCount>(library, "nvmlDeviceGetCount_v2");
        var getHandle = Export<GetHandleByIndex>(library, "nvmlDeviceGetHandleByIndex_v2");
        var getName = Export<GetName>(library, "nvmlDeviceGetName");
        var getMemory = Export<GetMemoryInfo>(library, "nvmlDeviceGetMemoryInfo");
        if (init is null || shutdown is null || getCount is null || getHandle is null || getName is null || getMemory is null || init() != Success)
        {
            NativeLibrary.Free(library);
            return null;
        }

        var devices = new List<(int, string, IntPtr)>();
        if (getCount(out var count) == Success)
        {
            for (uint i = 0; i < count; i++)
            {
                if (getHandle(i, out var handle) == Success)
                {
                    var name = new byte[NameLength];
                    var text = getName(handle, name, NameLength) == Success ? Encoding.UTF8.GetString(name, 0, Math.Max(0, Array.IndexOf(name, (byte)0))) : $"gpu{i}";
                    devices.Add(((int)i, text, handle));
                }
            }
        }

        if (devices.Count == 0)
        {
            shutdown();
            NativeLibrary.Free(library);
            return null;
        }

        return new NvmlGpuMemoryReader(library, shutdown, getMemory, [.. devices]);
    }

    public IReadOnlyList<GpuMemory> Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var memory = new List<GpuMemory>(_devices.Length);
        foreach (var (index, name, handle) in _devices)
        {
            // A device that stops answering (fallen off the bus, say) drops out of the scrape instead of failing it.
            if (_getMemoryInfo(handle, out var info) == Success)
            {
                memory.Add(new GpuMemory(index, name, info.Total, info.Used));
            }
        }

        return memory;
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _shutdown();
            NativeLibrary.Free(_library);
        }
    }

    private static T? Export<T>(IntPtr library, string name)
        where T : Delegate =>
        NativeLibrary.TryGetExport(library, name, out var address) ? Marshal.GetDelegateForFunctionPointer<T>(address) : null;

    /// <summary>nvmlMemory_t: bytes of the device's memory in total, free and used.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct NvmlMemory
    {
        public ulong Total;
        public ulong Free;
        public ulong Used;
    }
}
