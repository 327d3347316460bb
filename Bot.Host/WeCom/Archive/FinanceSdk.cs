using System.Runtime.InteropServices;
using System.Text;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// Tencent's archive SDK, <c>libWeWorkFinanceSdk_C.so</c>, loaded from a path and called through the C functions its
/// header <c>WeWorkFinanceSdk_C.h</c> declares (the facts and their sources are listed in <see cref="ArchiveRecords"/>). Strings go in as NUL-terminated
/// UTF-8; results come back in a <c>Slice_t</c> the SDK allocates and this class frees.
/// </summary>
public sealed class FinanceSdk : IDisposable
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr NewSdkFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int InitFn(IntPtr sdk, byte[] corpId, byte[] secret);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int GetChatDataFn(IntPtr sdk, ulong seq, uint limit, byte[] proxy, byte[] passwd, int timeout, IntPtr chatDatas);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int DecryptDataFn(byte[] encryptKey, byte[] encryptMsg, IntPtr msg);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void DestroySdkFn(IntPtr sdk);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr NewSliceFn();
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void FreeSliceFn(IntPtr slice);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate IntPtr GetContentFromSliceFn(IntPtr slice);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int GetSliceLenFn(IntPtr slice);

    /// <summary>The functions the bot calls; GetMediaData and the MediaData helpers are not used (rules read text).</summary>
    public static readonly string[] Exports =
        ["NewSdk", "Init", "GetChatData", "DecryptData", "DestroySdk", "NewSlice", "FreeSlice", "GetContentFromSlice", "GetSliceLen"];

    private readonly IntPtr _library;
    private readonly NewSdkFn _newSdk;
    private readonly InitFn _init;
    private readonly GetChatDataFn _getChatData;
    private readonly DecryptDataFn _decryptData;
    private readonly DestroySdkFn _destroySdk;
    private readonly NewSliceFn _newSlice;
    private readonly FreeSliceFn _freeSlice;
    private readonly GetContentFromSliceFn _content;
    private readonly GetSliceLenFn _length;
    private IntPtr _sdk;

    private FinanceSdk(IntPtr library)
    {
        _library = library;
        _newSdk = Export<NewSdkFn>("NewSdk");
        _init = Export<InitFn>("Init");
        _getChatData = Export<GetChatDataFn>("GetChatData");
        _decryptData = Export<DecryptDataFn>("DecryptData");
        _destroySdk = Export<DestroySdkFn>("DestroySdk");
        _newSlice = Export<NewSliceFn>("NewSlice");
        _freeSlice = Export<FreeSliceFn>("FreeSlice");
        _content = Export<GetContentFromSliceFn>("GetContentFromSlice");
        _length = Export<GetSliceLenFn>("GetSliceLen");
    }

    /// <summary>Why the library at <paramref name="path"/> cannot serve as the SDK, or null when it can.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path)) return $"there is no file at {path}";
        if (!NativeLibrary.TryLoad(path, out var library)) return $"{path} cannot be loaded as a native library (a Linux x86-64/arm64 .so of the SDK is expected)";
        try
        {
            var missing = Exports.Where(name => !NativeLibrary.TryGetExport(library, name, out _)).ToList();
            return missing.Count == 0 ? null : $"{path} does not export {string.Join(", ", missing)}: is it libWeWorkFinanceSdk_C.so?";
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    /// <summary>Loads the SDK and initialises it for the corp (NewSdk + Init); throws with the SDK's code if Init refuses.</summary>
    public static FinanceSdk Open(string path, string corpId, string secret)
    {
        var sdk = new FinanceSdk(NativeLibrary.Load(path));
        sdk._sdk = sdk._newSdk();
        var code = sdk._init(sdk._sdk, Utf8(corpId), Utf8(secret));
        if (code == 0) return sdk;
        sdk.Dispose();
        throw new ArchiveSdkException(code, "Init");
    }

    /// <summary>GetChatData: the records after <paramref name="seq"/>, as the JSON the SDK returns.</summary>
    public string GetChatData(ulong seq, uint limit, string proxy, string password, int timeoutSeconds) =>
        WithSlice("GetChatData", slice => _getChatData(_sdk, seq, limit, Utf8(proxy), Utf8(password), timeoutSeconds, slice));

    /// <summary>DecryptData: the message, given the record's random key (already RSA-decrypted) and its ciphertext.</summary>
    public string DecryptData(string randomKey, string encryptedMessage) =>
        WithSlice("DecryptData", slice => _decryptData(Utf8(randomKey), Utf8(encryptedMessage), slice));

    private string WithSlice(string function, Func<IntPtr, int> call)
    {
        var slice = _newSlice();
        try
        {
            var code = call(slice);
            if (code != 0) throw new ArchiveSdkException(code, function);
            var length = _length(slice);
            var content = _content(slice);
            if (length <= 0 || content == IntPtr.Zero) return "";
            var bytes = new byte[length];
            Marshal.Copy(content, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }
        finally
        {
            _freeSlice(slice);
        }
    }

    private T Export<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(_library, name));

    private static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value + "\0");

    public void Dispose()
    {
        if (_sdk != IntPtr.Zero) _destroySdk(_sdk);
        _sdk = IntPtr.Zero;
        // The library stays loaded: the runtime may still hold marshalling stubs into it, and the process needs it once.
    }
}

/// <summary>An SDK function answered with an error code (WeWorkFinanceSdk_C.h: 10000–10011).</summary>
public sealed class ArchiveSdkException(int code, string function) : Exception($"{function} returned {code} ({ArchiveSdkException.Describe(code)})")
{
    public int Code { get; } = code;

    /// <summary>Network, parsing and system failures pass; the others need someone to act (IP allow-list, secret, certificate).</summary>
    public bool Transient => Code is 10001 or 10002 or 10003;

    public static string Describe(int code) => code switch
    {
        10000 => "bad parameters",
        10001 => "network error",
        10002 => "could not parse the data",
        10003 => "system failure",
        10004 => "encryption failed: wrong key",
        10005 => "bad fileid",
        10006 => "decryption failed",
        10007 => "no private key for the message's key version",
        10008 => "could not parse encrypt_key",
        10009 => "IP not allowed: add the server's IP to the archive's trusted IPs",
        10010 => "data expired",
        10011 => "certificate error",
        _ => "unknown error",
    };
}
