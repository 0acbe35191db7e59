package dev.postino.mailets;

import java.lang.reflect.Proxy;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

/** James's users repository with virtual hosting, as far as local delivery asks it: a user is named by the whole address. */
final class FakeUsers {
    private FakeUsers() {
    }

    static UsersRepository byAddress() {
        return (UsersRepository) Proxy.newProxyInstance(UsersRepository.class.getClassLoader(),
            new Class<?>[] {UsersRepository.class}, (proxy, method, args) -> {
                if (method.getName().equals("getUsername")) {
                    return Username.of(((MailAddress) args[0]).asString());
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }
}
