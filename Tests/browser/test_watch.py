"""`ssbuild watch` in headless Chromium: CSS swapped in place, JS changes reload the
page, and build errors show in an overlay that the next good build clears."""
import os
import subprocess
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def new_app(ssbuild, workdir):
    app = os.path.join(workdir, "demo")
    subprocess.run([ssbuild, "new", app], check=True, capture_output=True)
    return app


def edit(path, old, new):
    with open(path) as f:
        text = f.read()
    assert old in text, f"{old!r} not in {path}"
    # Write aside and rename, as editors save.
    tmp = path + ".tmp-save"
    with open(tmp, "w") as f:
        f.write(text.replace(old, new, 1))
    os.replace(tmp, path)


def open_page(browser, url):
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda d: "circumference" in d.find_element(By.ID, "welcome").text)
    # Wait for the live-reload socket's greeting, so edits are not raced.
    time.sleep(0.3)


def h1_color(browser):
    return browser.find_element(By.TAG_NAME, "h1").value_of_css_property("color")


def test_css_edit_swaps_in_place(ssbuild, browser, workdir, serve):
    app = new_app(ssbuild, workdir)
    server = serve(app, command="watch")
    open_page(browser, server.url)
    assert h1_color(browser) == "rgba(0, 87, 197, 1)"
    # Development pages get the templates' <script type="text/html"> blocks from templates.js.
    assert browser.execute_script("return document.getElementById('chat-message').type") == "text/html"
    browser.execute_script("window.__state = 'kept';")
    edit(os.path.join(app, "app/css/app.styl"), "brand = #0057c5", "brand = #c50057")
    WebDriverWait(browser, 10).until(lambda d: h1_color(d) == "rgba(197, 0, 87, 1)")
    assert browser.execute_script("return window.__state") == "kept"


def test_client_edit_reloads_the_page(ssbuild, browser, workdir, serve):
    app = new_app(ssbuild, workdir)
    server = serve(app, command="watch")
    open_page(browser, server.url)
    browser.execute_script("window.__state = 'old page';")
    edit(os.path.join(app, "app/client/ui/messages.js"), "toFixed(2)", "toFixed(3)")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return window.__state") is None)
    WebDriverWait(browser, 10).until(lambda d: "62.832" in d.find_element(By.ID, "welcome").text)


def test_error_overlay_shows_and_clears(ssbuild, browser, workdir, serve):
    app = new_app(ssbuild, workdir)
    server = serve(app, command="watch")
    open_page(browser, server.url)
    path = os.path.join(app, "app/css/app.styl")
    edit(path, "    color brand\n", "    color darken(brand,\n")
    overlay = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#ssbuild-error-overlay .ssbuild-error"))
    assert overlay[0].get_attribute("data-file") == "app/css/app.styl"
    line = int(overlay[0].get_attribute("data-line"))
    assert 20 <= line <= 24, overlay[0].text
    assert "app/css/app.styl:%d:" % line in overlay[0].text
    # The page still has the last good stylesheet.
    assert h1_color(browser) == "rgba(0, 87, 197, 1)"
    edit(path, "    color darken(brand,\n", "    color brand\n")
    WebDriverWait(browser, 10).until(lambda d: not d.find_elements(By.ID, "ssbuild-error-overlay"))
    WebDriverWait(browser, 10).until(lambda d: "circumference" in d.find_element(By.ID, "welcome").text)
