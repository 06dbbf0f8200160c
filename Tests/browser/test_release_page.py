"""A generated app, released for production and served, loads in headless Chromium
with its stylesheet applied, its client templates rendered and no console errors."""
import os
import subprocess
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def release_new_app(ssbuild, workdir):
    app = os.path.join(workdir, "demo")
    subprocess.run([ssbuild, "new", app], check=True, capture_output=True)
    done = subprocess.run([ssbuild, "release", "--root", app, "--env", "production", "--no-server"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return app


def test_released_page_renders_styled_without_console_errors(ssbuild, browser, workdir, serve):
    app = release_new_app(ssbuild, workdir)
    server = serve(app)
    browser.get_log("browser")  # drop messages from earlier tests
    browser.get(server.url)
    WebDriverWait(browser, 10).until(
        lambda d: "circumference" in d.find_element(By.ID, "welcome").text)

    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.text == "Welcome to demo"
    # #0057c5 from app.styl's `brand` variable: the stylesheet applied.
    assert heading.value_of_css_property("color") == "rgba(0, 87, 197, 1)"
    # The mixin `rounded(10px)` applied to .welcome.
    welcome = browser.find_element(By.ID, "welcome")
    assert welcome.value_of_css_property("border-top-left-radius") == "10px"
    # Shared code ran in the browser: 2 * pi * 10.
    assert "62.83" in welcome.text
    # lib/css loaded before app.css: the reset's box-sizing rule.
    assert browser.execute_script(
        "return getComputedStyle(document.body).boxSizing") == "border-box"

    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def test_assets_are_fingerprinted_and_precompressed(ssbuild, workdir, serve):
    app = release_new_app(ssbuild, workdir)
    assets = sorted(os.listdir(os.path.join(app, "public", "assets")))
    scripts = [a for a in assets if a.endswith(".js")]
    styles = [a for a in assets if a.endswith(".css")]
    assert len(scripts) == 2 and len(styles) == 1, assets
    for name in scripts + styles:
        assert name + ".gz" in assets, assets
    html = open(os.path.join(app, "public", "index.html")).read()
    for name in scripts + styles:
        assert "/assets/" + name in html

    server = serve(app)
    req = urllib.request.Request(server.url + "assets/" + styles[0], headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Encoding"] == "gzip"
        assert "immutable" in resp.headers["Cache-Control"]
