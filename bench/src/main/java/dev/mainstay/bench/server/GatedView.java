package dev.mainstay.bench.server;

import dev.mainstay.store.RunQueue;
import dev.mainstay.store.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's view of a store another node shares: every call passes its {@link Gate} first, so a test can cut the
 * node off from the database (kill) or hold its calls (pause) while the other node goes on with the same store.
 *
 * <p>Only the outermost call on a thread is gated: what a store method calls back on the same thread (the
 * {@code work} of {@link Store#inOneTransaction}, the action of an idempotent request) runs inside a transaction
 * that may hold SQLite's one write lock, and a pause there would stop the other node too. So a pause lands between
 * a node's statements, as a SIGSTOP lands between its round trips; a call already past the gate when the node is
 * killed completes, as a commit already sent survives a SIGKILL.
 *
 * <p>The store's parts (the parameterless methods returning an interface of a {@code dev.mainstay.} package: the
 * journal, runs, queue, event log, notes, budgets, ledger…) come back as gated views too, under the same gate; their
 * accessors themselves touch no database and are not gated. Results of other methods are returned as they are:
 * some are sealed interfaces (a budget {@code Reservation}) whose values callers match on, which a proxy would
 * break. Two methods are this process's own and never the database's, and pass ungated: {@link RunQueue#notifyWork}
 * (documented never to fail its caller) and {@link RunQueue#workSignal}, whose waiter is returned unwrapped — a
 * node's dispatcher stopping must not fail on them. {@link Store#close} is refused: a node never closes the store it
 * shares. {@code equals}, {@code hashCode} and {@code toString} are the view's own (identity).
 */
final class GatedView implements InvocationHandler {
    private static final Set<String> LOCAL = Set.of(RunQueue.class.getName() + "#notifyWork",
            RunQueue.class.getName() + "#workSignal");

    private final Class<?> type;
    private final Object target;
    private final Gate gate;
    private final ThreadLocal<int[]> depth;
    private final Map<Method, Object[]> parts = new ConcurrentHashMap<>(); // accessor → {target's part, its view}

    private GatedView(Class<?> type, Object target, Gate gate, ThreadLocal<int[]> depth) {
        this.type = type;
        this.target = target;
        this.gate = gate;
        this.depth = depth;
    }

    /** A view of {@code store} behind {@code gate}. */
    static Store store(Store store, Gate gate) {
        return of(Store.class, store, gate);
    }

    /** A view of {@code target}, an implementation of the interface {@code type}, behind {@code gate}. */
    static <T> T of(Class<T> type, T target, Gate gate) {
        return of(type, target, gate, ThreadLocal.withInitial(() -> new int[1]));
    }

    private static <T> T of(Class<T> type, T target, Gate gate, ThreadLocal<int[]> depth) {
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type + " is not an interface");
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new GatedView(type, target, gate, depth)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "gated " + target;
            };
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0 && target instanceof Store) {
            throw new UnsupportedOperationException("a node does not close the store it shares");
        }
        if (isPart(method)) {
            return part(method);
        }
        boolean local = LOCAL.contains(method.getDeclaringClass().getName() + "#" + method.getName());
        var calls = depth.get();
        if (calls[0] == 0 && !local) {
            gate.pass(type);
        }
        calls[0]++;
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            calls[0]--;
        }
    }

    private static boolean isPart(Method method) {
        var returned = method.getReturnType();
        return method.getParameterCount() == 0 && returned.isInterface()
                && returned.getName().startsWith("dev.mainstay.")
                && !LOCAL.contains(method.getDeclaringClass().getName() + "#" + method.getName());
    }

    private Object part(Method method) throws Throwable {
        Object actual;
        try {
            actual = method.invoke(target);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (actual == null) {
            return null;
        }
        var cached = parts.get(method);
        if (cached != null && cached[0] == actual) {
            return cached[1];
        }
        @SuppressWarnings("unchecked")
        var view = of((Class<Object>) method.getReturnType(), actual, gate, depth);
        parts.put(method, new Object[] {actual, view});
        return view;
    }

    @Override
    public String toString() {
        return "GatedView[" + type.getSimpleName() + ", " + gate + "]";
    }
}
