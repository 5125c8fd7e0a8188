import javax.servlet.http.HttpServletRequest;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;

public class PricingRuleEngine {
    private static final String DISCOUNT = "price * 0.9";
    private final ExpressionParser parser = new SpelExpressionParser();

    public Object evaluate(HttpServletRequest request, Object cart) {
        String rule = request.getParameter("rule");
        // ruleid: java-spel-injection
        Expression expression = parser.parseExpression(rule);
        StandardEvaluationContext ctx = new StandardEvaluationContext(cart);
        return expression.getValue(ctx);
    }

    public Object filter(String field, Object item) {
        // ruleid: java-spel-injection
        return new SpelExpressionParser().parseExpression("name == '" + field + "'").getValue(item);
    }

    public Object evaluateSandboxed(String rule, Object cart) {
        EvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        // ok: java-spel-injection
        return parser.parseExpression(rule).getValue(ctx, cart);
    }

    public Object discount(Object cart) {
        // ok: java-spel-injection
        return parser.parseExpression("price * 0.9").getValue(cart);
    }

    public Object constantDiscount(Object cart) {
        // ok: java-spel-injection
        return parser.parseExpression(DISCOUNT).getValue(cart);
    }
}
