using System.DirectoryServices;
using System.Xml;

public class DirectoryLookup
{
    private readonly DirectoryEntry _root;
    private readonly XmlDocument _users;

    public SearchResult FindUser(string user)
    {
        var searcher = new DirectorySearcher(_root);
        // ruleid: csharp-ldap-xpath-injection
        searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + user + "))";
        return searcher.FindOne();
    }

    public SearchResult FindUserInterpolated(string user)
    {
        // ruleid: csharp-ldap-xpath-injection
        var searcher = new DirectorySearcher(_root, $"(mail={user})");
        return searcher.FindOne();
    }

    public SearchResult FindUserEscaped(string user)
    {
        var searcher = new DirectorySearcher(_root);
        // ok: csharp-ldap-xpath-injection
        searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + LdapEscape(user) + "))";
        return searcher.FindOne();
    }

    public XmlNode Login(string name, string password)
    {
        // ruleid: csharp-ldap-xpath-injection
        return _users.SelectSingleNode("//user[name='" + name + "' and password='" + password + "']");
    }

    public XmlNodeList Admins()
    {
        // ok: csharp-ldap-xpath-injection
        return _users.SelectNodes("//user[@role='admin']");
    }

    private static string LdapEscape(string s) => s;
}
