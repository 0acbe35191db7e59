package dev.postino.mailets;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * Whether a local user's mailbox can take one more message of a given size under the quotas an
 * administrator set (James's {@code /quota/users/…} webadmin routes; unlimited by default), asked
 * the way James's store asks it when it appends: the user's quota root, messages and octets.
 */
public final class MailboxRoom {
    private final UsersRepository users;
    private final UserQuotaRootResolver quotaRoots;
    private final QuotaManager quotas;

    public MailboxRoom(UsersRepository users, UserQuotaRootResolver quotaRoots, QuotaManager quotas) {
        this.users = users;
        this.quotaRoots = quotaRoots;
        this.quotas = quotas;
    }

    /**
     * Why the recipient's mailbox cannot take {@code size} more octets, empty when it can (or has
     * no limit). Trouble reading the quotas is the store's to report when it appends.
     */
    public Optional<String> tooFull(MailAddress recipient, long size) throws UsersRepositoryException, MailboxException {
        Username user = users.getUsername(recipient);
        QuotaManager.Quotas quota = quotas.getQuotas(quotaRoots.forUser(user));
        Quota<QuotaCountLimit, QuotaCountUsage> count = quota.getMessageQuota();
        if (count.isOverQuotaWithAdditionalValue(1)) {
            return Optional.of("mailbox full: it holds " + count.getUsed().asLong() + " messages, the limit is "
                + count.getLimit().asLong());
        }
        Quota<QuotaSizeLimit, QuotaSizeUsage> storage = quota.getStorageQuota();
        if (storage.isOverQuotaWithAdditionalValue(Math.max(0, size))) {
            return Optional.of("mailbox full: " + storage.getUsed().asLong() + " of " + storage.getLimit().asLong()
                + " octets used, the message has " + size);
        }
        return Optional.empty();
    }
}
