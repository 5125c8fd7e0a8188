import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

public class SearchController {
    private List<String> names;

    @GetMapping("/search")
    public List<String> search(@RequestParam("q") String q) {
        // ruleid: java-taint-regex-injection
        Pattern p = Pattern.compile(q, Pattern.CASE_INSENSITIVE);
        return names.stream().filter(n -> p.matcher(n).find()).collect(Collectors.toList());
    }

    @GetMapping("/search2")
    public List<String> searchLiteral(@RequestParam("q") String q) {
        // ok: java-taint-regex-injection
        Pattern p = Pattern.compile(Pattern.quote(q), Pattern.CASE_INSENSITIVE);
        return names.stream().filter(n -> p.matcher(n).find()).collect(Collectors.toList());
    }

    public boolean filter(HttpServletRequest request, String value) {
        String rule = request.getParameter("rule");
        // ruleid: java-taint-regex-injection
        return value.matches(rule);
    }

    public boolean validate(HttpServletRequest request) {
        String code = request.getParameter("code");
        // ok: java-taint-regex-injection
        return code.matches("[A-Z]{3}-\\d{4}");
    }

    public String[] parts(HttpServletRequest request) {
        String sep = request.getParameter("sep");
        // ruleid: java-taint-regex-injection
        return request.getParameter("list").split(sep);
    }
}
