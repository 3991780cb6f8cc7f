package io.tokenworkbench.client;

public final class Main {
    public static void main(String[] args) {
        System.out.println("placeholder " + Runtime.version());
    }
}
