import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.*;

@RestController
class StaffController {
    private final LdapTemplate ldap;

    @GetMapping("/staff")
    List<Person> find(@RequestParam String uid) {
        String filter = "(&(objectClass=person)(uid=" + uid + "))";
        // ruleid: java-taint-ldap-injection
        return ldap.search("ou=people", filter, mapper);
    }

    @PostMapping("/check")
    boolean check(@RequestBody Login login) {
        // ruleid: java-taint-ldap-injection
        return ldap.authenticate("ou=people", "(uid=" + login.uid() + ")", login.password());
    }

    @GetMapping("/staff/safe")
    List<Person> findSafe(@RequestParam String uid) {
        String filter = "(&(objectClass=person)(uid=" + LdapEncoder.filterEncode(uid) + "))";
        // ok: java-taint-ldap-injection
        return ldap.search("ou=people", filter, mapper);
    }

    List<Person> fixed(String unused) {
        // ok: java-taint-ldap-injection
        return ldap.search("ou=people", "(objectClass=person)", mapper);
    }
}
