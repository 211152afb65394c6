package dev.mainstay.dojo;

import java.util.List;

/** User tasks and injection tasks; every user task is attacked with every injection task. */
public record Suite(String name, List<UserTask> userTasks, List<InjectionTask> injectionTasks) {
    public Suite {
        userTasks = List.copyOf(userTasks);
        injectionTasks = List.copyOf(injectionTasks);
    }

    public int pairs() {
        return userTasks.size() * injectionTasks.size();
    }
}
