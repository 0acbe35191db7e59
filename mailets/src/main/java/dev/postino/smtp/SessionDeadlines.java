package dev.postino.smtp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One connection's deadlines ({@link EnforceSmtpTimeouts}), in the channel's pipeline right
 * before James's core handler. It sees every complete line just before James does and runs its
 * timer on the channel's event loop, the thread James handles the lines on: a deadline never
 * fires while a line (the final dot included) is being handled, so a message is either answered
 * or, past the bound, dropped unstored — never both.
 */
final class SessionDeadlines extends ChannelInboundHandlerAdapter {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionDeadlines.class);

    /** The three bounds. */
    static final class Limits {
        private final Duration command;
        private final Duration data;
        private final Duration session;

        Limits(Duration command, Duration data, Duration session) {
            this.command = command;
            this.data = data;
            this.session = session;
        }

        Duration command() {
            return command;
        }

        Duration data() {
            return data;
        }

        Duration session() {
            return session;
        }
    }

    private final SMTPSession session;
    private final Limits limits;
    private long sessionDeadline;
    private long commandDeadline;
    private long dataDeadline;
    private boolean inData;
    private boolean expired;
    private long checkAt;
    private boolean checkPending;

    SessionDeadlines(SMTPSession session, Limits limits) {
        this.session = session;
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        sessionDeadline = now + limits.session().toNanos();
        commandDeadline = now + limits.command().toNanos();
        scheduleCheck(ctx, Math.min(sessionDeadline, commandDeadline));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object line) throws Exception {
        if (expired) {
            ReferenceCountUtil.release(line);
            return;
        }
        ctx.fireChannelRead(line);
        long now = System.nanoTime();
        boolean nowInData = SmtpChannel.inData(session);
        if (nowInData && !inData) {
            dataDeadline = now + limits.data().toNanos();
        } else if (!nowInData) {
            // A command line ended (or the message did): the next command has its full time.
            commandDeadline = now + limits.command().toNanos();
        }
        inData = nowInData;
        scheduleCheck(ctx, Math.min(sessionDeadline, inData ? dataDeadline : commandDeadline));
    }

    private void scheduleCheck(ChannelHandlerContext ctx, long at) {
        if (checkPending && at - checkAt >= 0) {
            return; // an earlier check is pending; it re-arms itself for the later deadlines
        }
        checkPending = true;
        checkAt = at;
        ctx.executor().schedule(() -> check(ctx), Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        checkPending = false;
        if (expired || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        long phaseDeadline = inData ? dataDeadline : commandDeadline;
        if (now - sessionDeadline >= 0) {
            expire("session", limits.session());
        } else if (now - phaseDeadline >= 0) {
            expire(inData ? "DATA" : "command", inData ? limits.data() : limits.command());
        } else {
            scheduleCheck(ctx, Math.min(sessionDeadline, phaseDeadline));
        }
    }

    private void expire(String phase, Duration limit) {
        expired = true;
        LOGGER.info("session={} remote={} closed: {} took longer than {}", session.getSessionID(),
            session.getRemoteAddress(), phase, limit);
        SMTPResponse response = new SMTPResponse("421",
            "4.4.2 " + session.getConfiguration().getHelloName() + " Error: timeout exceeded");
        response.setEndSession(true);
        SmtpChannel.transport(session).writeResponse(response, session);
    }
}
