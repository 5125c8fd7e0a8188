import groovy.lang.GroovyShell;
import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.servlet.http.HttpServletRequest;
import javax.validation.ConstraintValidatorContext;
import ognl.Ognl;
import org.mvel2.MVEL;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

public class FormulaController {
    private static final String DISCOUNT_SCRIPT = "amount * 0.9";
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");

    @PostMapping("/calc")
    public Object calc(@RequestParam("formula") String formula) throws Exception {
        // ruleid: java-taint-code-injection
        return engine.eval(formula);
    }

    @PostMapping("/discount")
    public Object discount(@RequestParam("amount") String amount) throws Exception {
        Bindings b = engine.createBindings();
        b.put("amount", Double.parseDouble(amount));
        // ok: java-taint-code-injection
        return engine.eval(DISCOUNT_SCRIPT, b);
    }

    public Object groovy(HttpServletRequest request) {
        String expr = "return " + request.getParameter("expr");
        GroovyShell shell = new GroovyShell();
        // ruleid: java-taint-code-injection
        return shell.evaluate(expr);
    }

    public Object ognl(HttpServletRequest request, Object root) throws Exception {
        String path = request.getParameter("field");
        // ruleid: java-taint-code-injection
        return Ognl.getValue(path, root);
    }

    @PostMapping("/rule")
    public Object rule(@RequestBody String rule, Object facts) {
        // ruleid: java-taint-code-injection
        return MVEL.eval(rule, facts);
    }

    public Object fixedRule(Object facts) {
        // ok: java-taint-code-injection
        return MVEL.eval("order.total > 100", facts);
    }

    public boolean check(HttpServletRequest request, ConstraintValidatorContext ctx) {
        String value = request.getParameter("name");
        ctx.disableDefaultConstraintViolation();
        // ruleid: java-taint-code-injection
        ctx.buildConstraintViolationWithTemplate("Invalid name: " + value).addConstraintViolation();
        // ok: java-taint-code-injection
        ctx.buildConstraintViolationWithTemplate("Invalid name: {value}").addConstraintViolation();
        return false;
    }

    public Object shellFromConfig(String configuredScript) {
        // ok: java-taint-code-injection
        return new GroovyShell().evaluate(configuredScript);
    }
}
