package dev.mainstay.tools.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainstay.json.Json;
import dev.mainstay.tool.OutputTrust;
import dev.mainstay.tool.ToolEffect;
import dev.mainstay.tool.ToolResult;
import dev.mainstay.tools.TestContexts;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalculatorToolTest {
    private final CalculatorTool tool = new CalculatorTool();

    private ToolResult run(String expression) {
        ObjectNode input = Json.object().put("expression", expression);
        return tool.execute(input, TestContexts.any());
    }

    @Test
    void declaresReadOnlyTrustedSpecWithClosedSchema() {
        var spec = tool.spec();
        assertThat(spec.name()).isEqualTo("calculator");
        assertThat(spec.effect()).isEqualTo(ToolEffect.READ_ONLY);
        assertThat(spec.outputTrust()).isEqualTo(OutputTrust.TRUSTED);
        assertThat(spec.inputSchema().toString()).isEqualTo(
                "{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\",\"description\":"
                        + "\"The expression, e.g. ROUND(17.5/100*2340, 2)\",\"maxLength\":1000}},"
                        + "\"required\":[\"expression\"],\"additionalProperties\":false}");
    }

    @Test
    void computesAPercentageInExactDecimal() {
        assertThat(run("17.5/100*2340")).isEqualTo(ToolResult.ok("409.5"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "ROUND(17.5/100*2340, 2)  | 409.50",
        "ROUND(2.5, 0) + 1        | 4",
        "ROUND(2/3, 4)            | 0.6667",
        "0.1 + 0.2                | 0.3",
        "SQRT(16)                 | 4",
        "2^10                     | 1024",
        "2^-2                     | 0.25",
        "FACT(5)                  | 120",
        "10 % 3                   | 1",
        "1e3 * 2                  | 2000",
        "1/3                      | 0.3333333333333333333333333333333333",
        "MAX(3, 7, 5) - ABS(-2)   | 5",
        "-(4 - 10)                | 6",
    })
    void evaluatesArithmeticAndBuiltInFunctions(String expression, String expected) {
        assertThat(run(expression)).isEqualTo(ToolResult.ok(expected));
    }

    @Test
    void reportsDivisionByZero() {
        assertThat(run("1/0")).isEqualTo(ToolResult.error("division by zero"));
        assertThat(run("0^-1")).isEqualTo(ToolResult.error("division by zero"));
    }

    @Test
    @Timeout(5)
    void refusesTowerOfPowersQuicklyInsteadOfComputingIt() {
        var result = run("9^9^9^9");
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).isEqualTo("exponent too large: the limit is 10000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10^2000                   | overflow: the power exceeds 1e1000",
        "2^9999                    | overflow: the power exceeds 1e1000",
        "(10^500)*(10^500)*(10^500) | overflow: a value exceeds 1e1000",
        "1e999999999 + 1           | overflow: a value exceeds 1e1000",
        "1e999999999               | overflow: a value exceeds 1e1000",
        "FACT(100000000)           | FACT needs an integer between 0 and 449",
        "ROUND(1, 999999999)       | ROUND places must be an integer between -1000 and 1000",
        "(-8)^(1/3)                | a negative number cannot be raised to a fractional power",
    })
    @Timeout(5)
    void refusesOperationsWhoseResultWouldBeHugeBeforeComputingThem(String expression, String message) {
        assertThat(run(expression)).isEqualTo(ToolResult.error(message));
    }

    @Test
    void refusesAnExpressionLongerThanTheLimitWithoutParsingIt() {
        var huge = "1+".repeat(512 * 1024) + "1";
        var result = run(huge);
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).isEqualTo("expression is too long: 1048577 characters, the limit is 1000");
    }

    @Test
    void acceptsAnExpressionAtTheLengthLimit() {
        var expression = "1" + "+1".repeat(499) + " ";
        assertThat(expression).hasSize(1000);
        assertThat(run(expression)).isEqualTo(ToolResult.ok("500"));
    }

    @Test
    void evaluatesDeeplyNestedParenthesesWithinTheLengthLimit() {
        var expression = "(".repeat(499) + "7" + ")".repeat(499);
        assertThat(run(expression)).isEqualTo(ToolResult.ok("7"));
    }

    @Test
    void cannotReachTheJvmThroughTheExpressionLanguage() {
        var result = run("java.lang.Runtime.getRuntime()");
        assertThat(result.isError()).isTrue();
        assertThat(result.content()).startsWith("syntax error");
        assertThat(run("java.lang.Runtime.getRuntime().exec(\"touch /tmp/pwned\")").isError()).isTrue();
        assertThat(run("T(java.lang.Runtime).getRuntime()").isError()).isTrue();
    }

    @Test
    void reportsSyntaxErrorsOnOneLine() {
        var result = run("(1 + 2");
        assertThat(result).isEqualTo(ToolResult.error("syntax error: closing brace not found"));
        assertThat(run("1 +* 2").content()).startsWith("syntax error:").doesNotContain("\n");
    }

    @Test
    void reportsUnknownVariablesAndFunctionsByName() {
        assertThat(run("x + 1")).isEqualTo(ToolResult.error("unknown variable 'x'"));
        assertThat(run("FOO(2)")).isEqualTo(ToolResult.error("unknown function 'FOO'"));
        assertThat(run("STR_MATCHES(\"a\", \"a\")")).isEqualTo(ToolResult.error("unknown function 'STR_MATCHES'"));
        assertThat(run("RANDOM()")).isEqualTo(ToolResult.error("unknown function 'RANDOM'"));
    }

    @Test
    void refusesNonNumericResults() {
        assertThat(run("\"abc\"")).isEqualTo(ToolResult.error("the expression must produce a number, but produced string"));
    }

    @Test
    void refusesResultsThatAreNotFiniteNumbers() {
        assertThat(run("COSH(100000)")).isEqualTo(ToolResult.error("the result is not a finite number"));
        assertThat(run("ASIN(2)").isError()).isTrue();
    }

    @Test
    void defendsAgainstInputTheSchemaWouldHaveRejected() {
        var context = TestContexts.any();
        assertThat(tool.execute(Json.object(), context)).isEqualTo(ToolResult.error("expression is required"));
        assertThat(tool.execute(Json.object().put("expression", 42), context))
                .isEqualTo(ToolResult.error("expression must be a string"));
        assertThat(tool.execute(Json.object().put("expression", "1").put("shell", "ls"), context))
                .isEqualTo(ToolResult.error("unexpected input property 'shell'"));
        assertThat(tool.execute(Json.object().put("expression", "   "), context))
                .isEqualTo(ToolResult.error("expression must not be blank"));
    }

    @Test
    void usesTheConfiguredTimeoutInItsSpec() {
        assertThat(new CalculatorTool(new Calculator(), Duration.ofSeconds(3)).spec().timeout())
                .isEqualTo(Duration.ofSeconds(3));
    }
}
