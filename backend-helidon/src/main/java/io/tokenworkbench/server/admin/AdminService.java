package io.tokenworkbench.server.admin;

import io.tokenworkbench.model.admin.Report;
import io.tokenworkbench.model.admin.Stats;
import io.tokenworkbench.server.post.PostService;
import io.tokenworkbench.server.product.ProductService;
import io.tokenworkbench.server.user.UserService;

import java.util.List;

/** What staff see: counts across the features, and moderation reports. */
public final class AdminService {

    private final UserService users;
    private final PostService posts;
    private final ProductService products;
    private final ReportRepository reports;

    public AdminService(UserService users, PostService posts, ProductService products, ReportRepository reports) {
        this.users = users;
        this.posts = posts;
        this.products = products;
        this.reports = reports;
    }

    public Stats stats() {
        return new Stats(users.count(), users.countActive(), posts.count(false), posts.count(true), products.count());
    }

    public List<Report> reports() {
        return reports.list();
    }
}
