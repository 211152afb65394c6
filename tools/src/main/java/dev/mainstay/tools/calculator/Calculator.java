package dev.mainstay.tools.calculator;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.basic.AbsFunction;
import com.ezylang.evalex.functions.basic.AverageFunction;
import com.ezylang.evalex.functions.basic.CeilingFunction;
import com.ezylang.evalex.functions.basic.FactFunction;
import com.ezylang.evalex.functions.basic.FloorFunction;
import com.ezylang.evalex.functions.basic.Log10Function;
import com.ezylang.evalex.functions.basic.LogFunction;
import com.ezylang.evalex.functions.basic.MaxFunction;
import com.ezylang.evalex.functions.basic.MinFunction;
import com.ezylang.evalex.functions.basic.RoundFunction;
import com.ezylang.evalex.functions.basic.SqrtFunction;
import com.ezylang.evalex.functions.basic.SumFunction;
import com.ezylang.evalex.functions.trigonometric.AcosFunction;
import com.ezylang.evalex.functions.trigonometric.AcosRFunction;
import com.ezylang.evalex.functions.trigonometric.AsinFunction;
import com.ezylang.evalex.functions.trigonometric.AsinRFunction;
import com.ezylang.evalex.functions.trigonometric.Atan2Function;
import com.ezylang.evalex.functions.trigonometric.Atan2RFunction;
import com.ezylang.evalex.functions.trigonometric.AtanFunction;
import com.ezylang.evalex.functions.trigonometric.AtanRFunction;
import com.ezylang.evalex.functions.trigonometric.CosFunction;
import com.ezylang.evalex.functions.trigonometric.CosHFunction;
import com.ezylang.evalex.functions.trigonometric.CosRFunction;
import com.ezylang.evalex.functions.trigonometric.DegFunction;
import com.ezylang.evalex.functions.trigonometric.RadFunction;
import com.ezylang.evalex.functions.trigonometric.SinFunction;
import com.ezylang.evalex.functions.trigonometric.SinHFunction;
import com.ezylang.evalex.functions.trigonometric.SinRFunction;
import com.ezylang.evalex.functions.trigonometric.TanFunction;
import com.ezylang.evalex.functions.trigonometric.TanHFunction;
import com.ezylang.evalex.functions.trigonometric.TanRFunction;
import com.ezylang.evalex.operators.arithmetic.InfixDivisionOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixModuloOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMultiplicationOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPlusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPowerOfOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixPlusOperator;
import com.ezylang.evalex.parser.ParseException;
import dev.mainstay.tools.internal.Text;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates arithmetic with EvalEx in BigDecimal, never with a script engine. Thread-safe and stateless per call.
 *
 * <p>Why this shape: EvalEx parses a small expression language with no reflection or host access, but its stock
 * configuration still lets input run long ({@code 9^9^9^9}, {@code FACT(1e9)}, {@code ROUND(1, 1e9)}) or print
 * huge numbers. So the configuration here is an allowlist: arithmetic operators and numeric functions only (no
 * strings, dates, arrays, structures or RANDOM), each wrapped so every operand and result stays within
 * {@code 1e-1000..1e1000}, the power operator estimates its result's size before computing it, and FACT/ROUND bound
 * their integer arguments. Every step is then cheap, so an expression of at most {@link #MAX_EXPRESSION_LENGTH}
 * characters finishes quickly.
 *
 * <p>Results are rounded to {@link #MATH_CONTEXT} (34 significant digits) and trailing zeros are stripped, so
 * {@code ROUND(409.5, 2)} prints {@code 409.5}, not {@code 409.50} (EvalEx's own default).
 */
public final class Calculator {
    public static final int MAX_EXPRESSION_LENGTH = 1000;
    /** Largest absolute exponent {@code b} in {@code a^b}. */
    public static final int MAX_POWER_EXPONENT = 10_000;
    /** Largest {@code n} in {@code FACT(n)}: 449! is the last factorial below 1e1000. */
    public static final int MAX_FACTORIAL = 449;
    /** Largest absolute number of places in {@code ROUND(x, places)}. */
    public static final int MAX_ROUND_PLACES = 1000;
    /** 34 significant digits (as DECIMAL128) but rounding half up, as people round money: ROUND(2.5, 0) is 3. */
    public static final MathContext MATH_CONTEXT = new MathContext(34, java.math.RoundingMode.HALF_UP);

    private static final Pattern UNKNOWN_VARIABLE = Pattern.compile("Variable or constant value for '(.*)' not found");
    private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("Undefined function '(.*)'");

    private final ExpressionConfiguration configuration;

    public Calculator() {
        this.configuration = ExpressionConfiguration.builder()
                .mathContext(MATH_CONTEXT)
                .operatorDictionary(operators())
                .functionDictionary(functions())
                .arraysAllowed(false)
                .structuresAllowed(false)
                // the length limit already bounds nesting to 500 levels, well below EvalEx's recursion limit
                .build();
    }

    /** Most decimal places kept from an outermost ROUND; beyond this, trailing zeros are stripped as usual. */
    static final int MAX_KEPT_PLACES = 20;

    /** n when the whole expression is {@code ROUND(x, n)} with a literal n, else -1. */
    private static int outermostRoundPlaces(String expression) {
        var e = expression.strip().toUpperCase(Locale.ROOT);
        if (!e.startsWith("ROUND(") || !e.endsWith(")")) {
            return -1;
        }
        int depth = 0;
        int lastComma = -1;
        for (int i = "ROUND".length(); i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ',' && depth == 1) {
                lastComma = i;
            } else if (c == ')' && --depth == 0 && i != e.length() - 1) {
                return -1;
            }
        }
        if (lastComma < 0) {
            return -1;
        }
        try {
            return Integer.parseInt(e.substring(lastComma + 1, e.length() - 1).strip());
        } catch (NumberFormatException notALiteral) {
            return -1;
        }
    }

    /** Evaluates {@code expression}; never throws for bad input, returns a {@link Calculation.Failure} instead. */
    public Calculation evaluate(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Calculation.Failure("expression is empty");
        }
        if (expression.length() > MAX_EXPRESSION_LENGTH && Text.codePoints(expression) > MAX_EXPRESSION_LENGTH) {
            return new Calculation.Failure("expression is too long: " + Text.codePoints(expression)
                    + " characters, the limit is " + MAX_EXPRESSION_LENGTH);
        }
        try {
            EvaluationValue value = new Expression(expression, configuration).evaluate();
            if (!value.isNumberValue()) {
                return new Calculation.Failure("the expression must produce a number, but produced "
                        + value.getDataType().name().toLowerCase(Locale.ROOT));
            }
            BigDecimal number = value.getNumberValue().round(MATH_CONTEXT);
            String problem = Magnitude.problem(number);
            if (problem != null) {
                return new Calculation.Failure(problem);
            }
            if (number.signum() == 0) {
                return new Calculation.Value(BigDecimal.ZERO);
            }
            // an outermost ROUND(x, n) asks for n decimal places: keep them (409.50, not 409.5)
            var places = outermostRoundPlaces(expression);
            return new Calculation.Value(places >= 0 && places <= MAX_KEPT_PLACES
                    ? number.setScale(places, MATH_CONTEXT.getRoundingMode()) : number.stripTrailingZeros());
        } catch (ParseException e) {
            return new Calculation.Failure(describeParseError(e));
        } catch (EvaluationException e) {
            return new Calculation.Failure(describeEvaluationError(e));
        } catch (ArithmeticException e) {
            return new Calculation.Failure(describeArithmeticError(e));
        } catch (NumberFormatException e) {
            return new Calculation.Failure("invalid number in the expression");
        } catch (RuntimeException e) {
            // EvalEx on input it was not written for: still the model's input, not our bug
            return new Calculation.Failure("could not evaluate the expression (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String describeParseError(ParseException e) {
        var message = oneLine(e);
        var unknownFunction = UNKNOWN_FUNCTION.matcher(message);
        if (unknownFunction.matches()) {
            return "unknown function '" + unknownFunction.group(1) + "'";
        }
        return "syntax error: " + decapitalize(message);
    }

    private static String describeEvaluationError(EvaluationException e) {
        var message = oneLine(e);
        if (message.equalsIgnoreCase("Division by zero")) {
            return "division by zero";
        }
        var unknownVariable = UNKNOWN_VARIABLE.matcher(message);
        if (unknownVariable.matches()) {
            return "unknown variable '" + unknownVariable.group(1) + "'";
        }
        return decapitalize(message);
    }

    private static String describeArithmeticError(ArithmeticException e) {
        var message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Division by zero") || message.startsWith("Division undefined")) {
            return "division by zero";
        }
        if (message.startsWith("Division impossible")) {
            return "the remainder needs more than " + MATH_CONTEXT.getPrecision() + " significant digits";
        }
        if (message.contains("Overflow") || message.contains("Underflow")) {
            return "overflow: a value is out of range";
        }
        return "arithmetic error: " + decapitalize(Text.truncate(message.replaceAll("\\s+", " "), 200));
    }

    private static String oneLine(BaseException e) {
        var message = e.getMessage() == null ? "invalid expression" : e.getMessage();
        return Text.truncate(message.replaceAll("\\s+", " ").strip(), 200);
    }

    private static String decapitalize(String message) {
        if (message.isEmpty() || message.length() > 1 && Character.isUpperCase(message.charAt(1))) {
            return message;
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static MapBasedOperatorDictionary operators() {
        var dictionary = new MapBasedOperatorDictionary();
        dictionary.addOperator("+", new BoundedOperator(new PrefixPlusOperator()));
        dictionary.addOperator("-", new BoundedOperator(new PrefixMinusOperator()));
        dictionary.addOperator("+", new BoundedOperator(new InfixPlusOperator()));
        dictionary.addOperator("-", new BoundedOperator(new InfixMinusOperator()));
        dictionary.addOperator("*", new BoundedOperator(new InfixMultiplicationOperator()));
        dictionary.addOperator("/", new BoundedOperator(new InfixDivisionOperator()));
        dictionary.addOperator("%", new BoundedOperator(new InfixModuloOperator()));
        dictionary.addOperator("^", new BoundedOperator(new InfixPowerOfOperator(), Limits::power));
        return dictionary;
    }

    private static MapBasedFunctionDictionary functions() {
        var dictionary = new MapBasedFunctionDictionary();
        Map<String, FunctionIfc> plain = Map.ofEntries(
                Map.entry("ABS", new AbsFunction()),
                Map.entry("AVERAGE", new AverageFunction()),
                Map.entry("CEILING", new CeilingFunction()),
                Map.entry("FLOOR", new FloorFunction()),
                Map.entry("LOG", new LogFunction()),
                Map.entry("LOG10", new Log10Function()),
                Map.entry("MAX", new MaxFunction()),
                Map.entry("MIN", new MinFunction()),
                Map.entry("SQRT", new SqrtFunction()),
                Map.entry("SUM", new SumFunction()),
                Map.entry("SIN", new SinFunction()),
                Map.entry("COS", new CosFunction()),
                Map.entry("TAN", new TanFunction()),
                Map.entry("ASIN", new AsinFunction()),
                Map.entry("ACOS", new AcosFunction()),
                Map.entry("ATAN", new AtanFunction()),
                Map.entry("ATAN2", new Atan2Function()),
                Map.entry("SINR", new SinRFunction()),
                Map.entry("COSR", new CosRFunction()),
                Map.entry("TANR", new TanRFunction()),
                Map.entry("ASINR", new AsinRFunction()),
                Map.entry("ACOSR", new AcosRFunction()),
                Map.entry("ATANR", new AtanRFunction()),
                Map.entry("ATAN2R", new Atan2RFunction()),
                Map.entry("SINH", new SinHFunction()),
                Map.entry("COSH", new CosHFunction()),
                Map.entry("TANH", new TanHFunction()),
                Map.entry("DEG", new DegFunction()),
                Map.entry("RAD", new RadFunction()));
        plain.forEach((name, function) -> dictionary.addFunction(name, new BoundedFunction(function)));
        dictionary.addFunction("FACT", new BoundedFunction(new FactFunction(), Limits::factorial));
        dictionary.addFunction("ROUND", new BoundedFunction(new RoundFunction(), Limits::round));
        return dictionary;
    }
}
