import npui, time, os
def test():
    path = os.path.join(os.environ["NP_SHARED_DIR"], "corpus/cilium/examples/host/demo-host-policy.yaml")
    with npui.start_app(args=[path]) as app:
        time.sleep(2)
        npui.screenshot("debug-host")
if __name__ == "__main__":
    npui.main(test)
