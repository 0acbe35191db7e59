package dev.postino.core.limits;

import java.util.Optional;

/** The end-of-DATA answer of {@link SendingLimiter#reserve}: counted, or refused with a reason. */
public final class Admission {
    private final Optional<Reservation> reservation;
    private final Optional<LimitRefusal> refusal;

    private Admission(Optional<Reservation> reservation, Optional<LimitRefusal> refusal) {
        this.reservation = reservation;
        this.refusal = refusal;
    }

    static Admission admitted(Reservation reservation) {
        return new Admission(Optional.of(reservation), Optional.empty());
    }

    static Admission refused(LimitRefusal refusal) {
        return new Admission(Optional.empty(), Optional.of(refusal));
    }

    public Optional<Reservation> reservation() {
        return reservation;
    }

    public Optional<LimitRefusal> refusal() {
        return refusal;
    }
}
