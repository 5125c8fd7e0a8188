import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

@Controller
public class AccountController {
    private final UserRepository users;

    public AccountController(UserRepository users) {
        this.users = users;
    }

    @PostMapping("/profile")
    public String update(@ModelAttribute User user) {
        // ruleid: java-spring-mass-assignment
        users.save(user);
        return "redirect:/profile";
    }

    @PutMapping("/api/users/{id}")
    public User replace(@PathVariable long id, @RequestBody User body) {
        body.setId(id);
        // ruleid: java-spring-mass-assignment
        return users.saveAndFlush(body);
    }

    @PostMapping("/profile2")
    public String updateFromForm(@ModelAttribute ProfileForm form, java.security.Principal principal) {
        User current = users.findByUsername(principal.getName());
        current.setName(form.getName());
        current.setEmail(form.getEmail());
        // ok: java-spring-mass-assignment
        users.save(current);
        return "redirect:/profile";
    }

    @PostMapping("/api/users")
    public User create(@RequestBody UserCreateRequest req) {
        User u = new User(req.name(), req.email());
        // ok: java-spring-mass-assignment
        return users.save(u);
    }

    @PostMapping("/api/notes")
    public Note note(@RequestBody NoteDto dto) {
        // ok: java-spring-mass-assignment
        return notes.save(dto.toEntity());
    }
}
