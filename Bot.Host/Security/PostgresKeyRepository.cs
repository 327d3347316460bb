using System.Xml.Linq;
using Bot.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Bot.Host.Security;

/// <summary>
/// The data-protection key ring in PostgreSQL instead of each machine's home directory, so that a cookie or an
/// antiforgery token written by one replica is read by every other.
/// </summary>
public sealed class PostgresKeyRepository(NpgsqlDataSource dataSource, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. DataProtectionKeyStore.All(dataSource).Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        DataProtectionKeyStore.Add(dataSource, friendlyName, element.ToString(SaveOptions.DisableFormatting), time.GetUtcNow());
    }
}
