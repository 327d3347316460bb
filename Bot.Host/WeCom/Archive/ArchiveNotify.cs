using Bot.Rules.Messages;

namespace Bot.Host.WeCom.Archive;

/// <summary>
/// WeCom's <c>msgaudit_notify</c> event (doc 95039: at most every 15 s while there are new records) wakes the archive
/// poller. The event carries nothing but the news, and the archive keeps the records, so it is answered without being
/// recorded: a row every 15 s would say nothing.
/// </summary>
public static class ArchiveNotify
{
    public const string EventName = "msgaudit_notify";

    public static bool Wakes(InboundMessage message, ArchiveWake wake)
    {
        if (message is not { Kind: MessageKind.Event, EventName: EventName }) return false;
        wake.Wake();
        return true;
    }
}
