import npui
def test():
    pass
if __name__ == "__main__":
    npui.main(test)
