package dev.mainstay.app.cli;

import dev.mainstay.approval.ApprovalDecision;
import dev.mainstay.approval.PendingApproval;
import dev.mainstay.redact.Redactor;
import dev.mainstay.runtime.Approver;
import java.io.Console;
import java.util.Locale;

/**
 * Asks on the terminal whether a tool call awaiting approval may run: the call, its input and the policy's reason
 * on stderr, the answer read from the console. Anything but {@code y}/{@code yes} denies. Without a console (input
 * redirected, CI, a script) nobody can be asked, and every call is denied — and says so.
 */
final class TerminalApprover implements Approver {
    /** The longest input shown in the prompt. */
    static final int MAX_SHOWN = 600;

    private final Cli cli;
    private final Console console;
    private final String user;

    private TerminalApprover(Cli cli, Console console, String user) {
        this.cli = cli;
        this.console = console;
        this.user = user;
    }

    /** The approver for this process: interactive on a console, denying otherwise. */
    static TerminalApprover of(Cli cli, String user) {
        return new TerminalApprover(cli, System.console(), user);
    }

    /** An approver that never asks (no terminal): for tests and scripts. */
    static TerminalApprover nonInteractive(Cli cli, String user) {
        return new TerminalApprover(cli, null, user);
    }

    @Override
    public ApprovalDecision decide(PendingApproval pending) {
        var input = Redactor.secrets().redact(pending.input().toString());
        if (input.length() > MAX_SHOWN) {
            input = input.substring(0, MAX_SHOWN) + "…";
        }
        cli.notice(pending.tool() + " needs your approval: " + pending.reason() + " (" + pending.rule() + ")");
        cli.err().println("  " + pending.tool() + " " + input);
        if (console == null) {
            cli.notice("not on a terminal, so nobody can approve it: denied");
            return ApprovalDecision.deny(pending.toolUseId(), "cli:" + user + ":non-interactive",
                    "not interactive; nobody could approve it");
        }
        var answer = console.readLine("Allow this call? [y/N] ");
        boolean yes = answer != null && (answer.strip().equalsIgnoreCase("y")
                || answer.strip().toLowerCase(Locale.ROOT).equals("yes"));
        return yes ? ApprovalDecision.approve(pending.toolUseId(), "cli:" + user)
                : ApprovalDecision.deny(pending.toolUseId(), "cli:" + user, "denied at the terminal");
    }
}
