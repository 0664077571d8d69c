package cn.gov.exam.change.receipt;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads QR codes back with ZXing's own reader: from an image, or from the service's SVG drawn as one. */
public final class QrDecoding {
    private QrDecoding() {}

    public static String decode(BufferedImage image) throws Exception {
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                .getText();
    }

    public static String decodePng(byte[] png) throws Exception {
        return decode(ImageIO.read(new ByteArrayInputStream(png)));
    }

    /** Draws the SVG's view box and its path of unit squares (M x y h1v1h-1z) at 8 pixels a module. */
    static String decodeSvg(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        if (!box.find()) {
            throw new AssertionError("no viewBox: " + svg);
        }
        int scale = 8;
        int w = Integer.parseInt(box.group(1));
        int h = Integer.parseInt(box.group(2));
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w * scale, h * scale);
        g.setColor(Color.BLACK);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (m.find()) {
            g.fillRect(Integer.parseInt(m.group(1)) * scale, Integer.parseInt(m.group(2)) * scale, scale, scale);
        }
        g.dispose();
        return decode(image);
    }
}
