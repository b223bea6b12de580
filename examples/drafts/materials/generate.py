"""Regenerate the tiny material files the example drafts point at (run from anywhere):

    python examples/drafts/materials/generate.py

Solid-colour images within the upload bounds (500x300 to 5000x5000 px, far below 3 MB), one colour per
file so no two materials share content (rule BA506); a one-page PDF for the signed letters; and two
deliberately bad files for the failing examples (`not-an-image.png` is text, `tiny.png` is 120x80 px).
"""

from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent

IMAGES = {
    "licence.png": ((640, 420), (214, 232, 246)),
    "legal-rep-id.jpg": ((600, 380), (236, 226, 208)),
    "site-principal-id.jpg": ((600, 380), (226, 236, 210)),
    "individual-id.png": ((600, 380), (240, 220, 230)),
    "registration-certificate.png": ((640, 420), (222, 214, 246)),
    "principal-id.jpg": ((600, 380), (246, 214, 214)),
    "domain-certificate.png": ((640, 420), (208, 240, 240)),
    "domain-certificate-2.png": ((640, 420), (240, 240, 208)),
    "residence-permit.png": ((600, 380), (214, 246, 222)),
}

# Signed letters (one-page PDFs, told apart by a trailing comment so no two share content).
LETTERS = (
    ("commitment-guangdong.pdf", b"guangdong"),
    ("commitment-beijing.pdf", b"beijing"),
    ("commitment-shanghai.pdf", b"shanghai"),
    ("commitment-letter.pdf", b"commitment letter, province template"),
    ("authorisation-subject-principal.pdf", b"subject principal authorisation"),
    ("authorisation-site-principal.pdf", b"site principal authorisation"),
    ("change-certificate.pdf", b"change certificate"),
)

PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def main() -> None:
    for name, (size, colour) in IMAGES.items():
        img = Image.new("RGB", size, colour)
        img.save(HERE / name, quality=85) if name.endswith(".jpg") else img.save(HERE / name, optimize=True)
    for name, label in LETTERS:
        (HERE / name).write_bytes(PDF + b"% " + label + b"\n")
    Image.new("RGB", (120, 80), (200, 200, 200)).save(HERE / "tiny.png")
    (HERE / "not-an-image.png").write_text("this is text, not a PNG\n", encoding="utf-8")


if __name__ == "__main__":
    main()
