namespace Bot.Host.Spool;

/// <summary>The <c>Spool</c> section: where callbacks wait on this host's disk while the database is out.</summary>
public sealed class SpoolOptions
{
    public const string Section = "Spool";

    /// <summary>
    /// The directory of the spool file (<c>{machine name}.spool</c>), relative to the content root unless absolute. It must
    /// outlive the process (a volume in Docker): a callback answered 200 during an outage exists only there until replayed.
    /// </summary>
    public string Directory { get; set; } = "spool";

    /// <summary>The spool file's largest size; once it is reached, callbacks during an outage are answered 503 again.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}
