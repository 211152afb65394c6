package dev.mainstay.model;

import java.util.List;
import java.util.Objects;

/**
 * A {@link ModelClient} that runs a fixed list of interceptors, outermost first, in front of a provider client.
 * The order given here is the order of the chain: the one place where a runtime's model-side policies are listed.
 */
public final class ModelPipeline implements ModelClient {
    private final List<ModelInterceptor> interceptors;
    private final ModelClient provider;

    private ModelPipeline(List<ModelInterceptor> interceptors, ModelClient provider) {
        this.interceptors = List.copyOf(interceptors);
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    public static ModelPipeline of(List<ModelInterceptor> interceptors, ModelClient provider) {
        return new ModelPipeline(interceptors, provider);
    }

    @Override
    public ModelResponse call(ModelRequest request, CallContext context) {
        return new RealChain(0, request, context).proceed(request, context);
    }

    @Override
    public String name() {
        return provider.name();
    }

    public List<ModelInterceptor> interceptors() {
        return interceptors;
    }

    private final class RealChain implements ModelInterceptor.Chain {
        private final int index;
        private final ModelRequest request;
        private final CallContext context;

        RealChain(int index, ModelRequest request, CallContext context) {
            this.index = index;
            this.request = request;
            this.context = context;
        }

        @Override
        public ModelRequest request() {
            return request;
        }

        @Override
        public CallContext context() {
            return context;
        }

        @Override
        public ModelResponse proceed(ModelRequest nextRequest, CallContext nextContext) {
            if (index >= interceptors.size()) {
                return provider.call(nextRequest, nextContext);
            }
            var next = new RealChain(index + 1, nextRequest, nextContext);
            var response = interceptors.get(index).intercept(next);
            return Objects.requireNonNull(response, () -> "interceptor " + interceptors.get(index) + " returned null");
        }
    }
}
