package dev.postino.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.MappingsImpl;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.Test;

import dev.postino.mailets.MailboxRoom;

// Every mailbox here is full; only a.test is ours, and users are named without their domain
// (enableVirtualHosting=false): carol@remote.test must not be taken for our user carol.
class RefuseFullMailboxTest {
    private final RefuseFullMailbox hook = new RefuseFullMailbox(domains(), users(), noRewrites(),
        new MailboxRoom(users(), roots(), fullQuotas()));

    @Test
    void aFullMailboxOfOursIsRefusedAtRcpt() throws Exception {
        HookResult result = hook.doRcpt(FakeSmtp.session(null, null), MaybeSender.nullSender(), new MailAddress("carol@a.test"));

        assertThat(result.getSmtpRetCode()).isEqualTo("452");
        assertThat(result.getSmtpDescription()).startsWith("4.2.2 <carol@a.test> mailbox full");
    }

    @Test
    void aRemoteAddressIsNeverTakenForALocalUserOfTheSameName() throws Exception {
        HookResult result = hook.doRcpt(FakeSmtp.session(null, null), MaybeSender.nullSender(),
            new MailAddress("carol@remote.test"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    private static DomainList domains() {
        return (DomainList) Proxy.newProxyInstance(DomainList.class.getClassLoader(), new Class<?>[] {DomainList.class},
            (proxy, method, args) -> {
                if (method.getName().equals("containsDomain")) {
                    return args[0].equals(Domain.of("a.test"));
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static UsersRepository users() {
        return (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
            new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "getUsername":
                        return Username.of(((MailAddress) args[0]).getLocalPart());
                    case "contains":
                        return args[0].equals(Username.of("carol"));
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });
    }

    private static RecipientRewriteTable noRewrites() {
        return (RecipientRewriteTable) Proxy.newProxyInstance(RecipientRewriteTable.class.getClassLoader(),
            new Class<?>[] {RecipientRewriteTable.class}, (proxy, method, args) -> {
                if (method.getName().equals("getResolvedMappings")) {
                    return MappingsImpl.empty();
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static UserQuotaRootResolver roots() {
        return (UserQuotaRootResolver) Proxy.newProxyInstance(UserQuotaRootResolver.class.getClassLoader(),
            new Class<?>[] {UserQuotaRootResolver.class}, (proxy, method, args) -> {
                if (method.getName().equals("forUser")) {
                    return QuotaRoot.quotaRoot("#private&" + ((Username) args[0]).asString(), Optional.empty());
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static QuotaManager fullQuotas() {
        return (QuotaManager) Proxy.newProxyInstance(QuotaManager.class.getClassLoader(), new Class<?>[] {QuotaManager.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getQuotas")) {
                    return new QuotaManager.Quotas(
                        Quota.<QuotaCountLimit, QuotaCountUsage>builder().used(QuotaCountUsage.count(10))
                            .computedLimit(QuotaCountLimit.count(10)).build(),
                        Quota.<QuotaSizeLimit, QuotaSizeUsage>builder().used(QuotaSizeUsage.size(0))
                            .computedLimit(QuotaSizeLimit.unlimited()).build());
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
