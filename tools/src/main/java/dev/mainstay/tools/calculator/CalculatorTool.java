package dev.mainstay.tools.calculator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.Tool;
import dev.mainstay.tool.ToolContext;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolExecution;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tool.ToolSpec;
import dev.mainstay.tools.internal.Inputs;
import dev.mainstay.tools.internal.Schemas;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code calculator} tool: evaluates one arithmetic expression with {@link Calculator}. Read-only and trusted;
 * every failure (syntax, division by zero, overflow, unknown names, too long) is an error result, never an exception.
 */
public final class CalculatorTool implements Tool {
    public static final String NAME = "calculator";

    private static final String DESCRIPTION = """
            Evaluates an arithmetic expression exactly, in decimal (not floating point), and returns the result as a \
            plain decimal number. Operators: + - * / % (remainder) ^ (power) and parentheses. Functions: ROUND(x, \
            places), SQRT, ABS, FLOOR, CEILING, MIN, MAX, SUM, AVERAGE, LOG (natural), LOG10, FACT, SIN/COS/TAN/ASIN/\
            ACOS/ATAN/ATAN2 (degrees; add R for radians, e.g. SINR), SINH/COSH/TANH, DEG, RAD; constants PI and E. \
            Percentages are written as division: 17.5% of 2340 is 17.5/100*2340.""";

    private final Calculator calculator;
    private final ToolSpec spec;

    public CalculatorTool(Calculator calculator, Duration timeout) {
        this.calculator = Objects.requireNonNull(calculator, "calculator");
        // bounded input, pure BigDecimal arithmetic: microseconds, so it runs on the run's own thread
        this.spec = new ToolSpec(NAME, DESCRIPTION, schema(), ToolEffect.READ_ONLY, OutputTrust.TRUSTED, timeout,
                ToolExecution.INLINE);
    }

    public CalculatorTool() {
        this(new Calculator(), ToolSpec.DEFAULT_TIMEOUT);
    }

    private static ObjectNode schema() {
        return Schemas.object(
                Schemas.properties("expression", Schemas.string(0, Calculator.MAX_EXPRESSION_LENGTH,
                        "The expression, e.g. ROUND(17.5/100*2340, 2)")),
                List.of("expression"));
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult execute(ObjectNode input, ToolContext context) {
        return Inputs.readThen(input, CalculatorTool::expression, this::evaluate);
    }

    private static String expression(ObjectNode input) {
        Inputs.allowOnly(input, Set.of("expression"));
        return Inputs.requiredString(input, "expression", 1, Calculator.MAX_EXPRESSION_LENGTH);
    }

    private ToolResult evaluate(String expression) {
        return switch (calculator.evaluate(expression)) {
            case Calculation.Value value -> ToolResult.ok(value.text());
            case Calculation.Failure failure -> ToolResult.error(failure.message());
        };
    }
}
