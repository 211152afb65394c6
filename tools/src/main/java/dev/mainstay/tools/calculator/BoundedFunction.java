package dev.mainstay.tools.calculator;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameterDefinition;
import com.ezylang.evalex.parser.Token;
import java.util.List;

/**
 * An EvalEx function with the same range checks as {@link BoundedOperator}, plus an optional function-specific check
 * on its arguments (ROUND's places, FACT's argument) so no argument can make the delegate run long.
 */
final class BoundedFunction implements FunctionIfc {
    private final FunctionIfc delegate;
    private final BoundedOperator.PreCheck preCheck;

    BoundedFunction(FunctionIfc delegate) {
        this(delegate, parameters -> null);
    }

    BoundedFunction(FunctionIfc delegate, BoundedOperator.PreCheck preCheck) {
        this.delegate = delegate;
        this.preCheck = preCheck;
    }

    @Override
    public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... parameters)
            throws EvaluationException {
        for (var parameter : parameters) {
            if (parameter.isNumberValue()) {
                BoundedOperator.refuseIf(Magnitude.problem(parameter.getNumberValue()), token);
            }
        }
        BoundedOperator.refuseIf(preCheck.problem(parameters), token);
        EvaluationValue result;
        try {
            result = delegate.evaluate(expression, token, parameters);
        } catch (NumberFormatException e) {
            // EvalEx turns a double result into a BigDecimal; NaN and infinity fail there
            throw new EvaluationException(token, "the result is not a finite number");
        }
        if (result.isNumberValue()) {
            BoundedOperator.refuseIf(Magnitude.problem(result.getNumberValue()), token);
        }
        return result;
    }

    @Override
    public List<FunctionParameterDefinition> getFunctionParameterDefinitions() {
        return delegate.getFunctionParameterDefinitions();
    }

    @Override
    public void validatePreEvaluation(Token token, EvaluationValue... parameters) throws EvaluationException {
        delegate.validatePreEvaluation(token, parameters);
    }

    @Override
    public boolean hasVarArgs() {
        return delegate.hasVarArgs();
    }

    @Override
    public boolean isParameterLazy(int parameterIndex) {
        return delegate.isParameterLazy(parameterIndex);
    }

    @Override
    public int getCountOfNonVarArgParameters() {
        return delegate.getCountOfNonVarArgParameters();
    }
}
